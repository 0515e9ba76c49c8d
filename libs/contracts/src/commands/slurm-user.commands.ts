import { z } from 'zod';
import { defineCommand } from './define-command';
import { projectScopedRequest } from './project-scoped';

export const slurmUserSchema = z.object({
  username: z.string().min(1).max(32),
  sshKeys: z.array(z.string().min(1).max(8192)).max(32),
  sudo: z.boolean(),
});

export type SlurmUserView = z.infer<typeof slurmUserSchema>;

const clusterScoped = { clusterId: z.string().uuid() };

/** A user of that name on the cluster already is a 409. */
export const slurmUserCreateCommand = defineCommand({
  name: 'slurmuser.create',
  service: 'provisioning',
  request: projectScopedRequest({ ...clusterScoped, user: slurmUserSchema }),
  reply: slurmUserSchema,
});

/** Replaces the user's keys; `sudo` keeps its value when omitted. */
export const slurmUserUpdateCommand = defineCommand({
  name: 'slurmuser.update',
  service: 'provisioning',
  request: projectScopedRequest({ ...clusterScoped, username: z.string().min(1).max(32), sshKeys: slurmUserSchema.shape.sshKeys, sudo: z.boolean().optional() }),
  reply: slurmUserSchema,
});

/** With the other user commands: a user is a record of the cluster, no provider resource to release. */
export const slurmUserDeleteCommand = defineCommand({
  name: 'slurmuser.delete',
  service: 'provisioning',
  request: projectScopedRequest({ ...clusterScoped, username: z.string().min(1).max(32) }),
  reply: z.object({ username: z.string() }),
});
