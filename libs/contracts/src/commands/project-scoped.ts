import { z } from 'zod';
import { actorSchema } from '../actor';

/**
 * Requests of Fluidstack-style resources name the caller and the project they act in; the
 * service checks both again (tenant and project) before touching anything.
 */
export function projectScopedRequest<S extends z.ZodRawShape>(shape: S) {
  return z.object({ actor: actorSchema, projectId: z.string().uuid(), ...shape });
}

/** Reply of a create: the new resource's id (the caller reads it back for the full view). */
export const createdReplySchema = z.object({ id: z.string().uuid() });

/**
 * Reply of a command that put a resource in a state (created, starting, stopping): the answer
 * shows the state this command committed, not one a job may have reached since.
 */
export const committedStateReplySchema = z.object({ id: z.string().uuid(), state: z.string() });

/** Reply of a delete: `started` is false when a delete of it was already under way. */
export const deleteReplySchema = z.object({ id: z.string().uuid(), started: z.boolean() });

/** Tags as given; their rules (SPEC section 2) are checked where the request enters. */
export const tagsSchema = z.record(z.string(), z.string());
