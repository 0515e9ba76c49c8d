import { z } from 'zod';

export const ROLES = ['admin', 'editor', 'viewer', 'ops'] as const;
export type Role = (typeof ROLES)[number];

/** Who asked: taken from the verified token by the gateway, never from a request body. */
export const actorSchema = z.object({
  tenantId: z.number().int().positive(),
  tenantSlug: z.string().min(1).max(63),
  subject: z.string().min(1).max(255),
  roles: z.array(z.enum(ROLES)),
});

export type Actor = z.infer<typeof actorSchema>;
