import { z } from 'zod';

export const queueParams = z.object({ queue: z.string().min(1).max(64) });
export const jobParams = queueParams.extend({ jobId: z.string().min(1).max(256) });
export const limitQuery = z.object({ limit: z.coerce.number().int().min(1).max(1_000).default(50) });
