import { z } from 'zod';
import { actorSchema } from '../actor';
import { tenantConfigItemSchema, tenantConfigRecordSchema } from '../tenants/tenant-config';
import { defineCommand } from './define-command';

/** Adds an environment, container registry or cluster integration; a taken key is 409. */
export const tenantConfigCreateCommand = defineCommand({
  name: 'tenant-config.create',
  service: 'provisioning',
  request: z.object({ actor: actorSchema, item: tenantConfigItemSchema }),
  reply: tenantConfigRecordSchema,
});
