import { z } from 'zod';
import { actorSchema } from '../actor';
import { TENANT_CONFIG_KINDS } from '../tenants/tenant-config';
import { defineCommand } from './define-command';

/** Removes a tenant config record; one a live cluster's manifest still names is 409. */
export const tenantConfigDeleteCommand = defineCommand({
  name: 'tenant-config.delete',
  service: 'provisioning',
  request: z.object({ actor: actorSchema, kind: z.enum(TENANT_CONFIG_KINDS), key: z.string().min(1).max(253) }),
  reply: z.object({ kind: z.enum(TENANT_CONFIG_KINDS), key: z.string() }),
});
