import { z } from 'zod';

export const simulatedProviderEnvSchema = z.object({
  /** Delay of every simulated provider call; 0 adds no delay at all. */
  SIM_PROVIDER_LATENCY_MS: z.coerce.number().int().min(0).max(600_000).default(0),
  /**
   * Failure injection: `operation[:times],…`, e.g. `control-plane.create,credentials.delete:2`.
   * With a count, the first `times` calls per idempotency key fail; without, every call fails.
   */
  SIM_PROVIDER_FAIL: z.string().regex(/^([a-z-]+\.[a-z-]+(:\d+)?)(,[a-z-]+\.[a-z-]+(:\d+)?)*$/, 'operation[:times],… e.g. node.create:2').optional(),
});

export interface SimulatedProviderSettings {
  latencyMs: number;
  /** operation → how many calls per key fail (Infinity: all). */
  failures: Map<string, number>;
}

export function toSimulatedProviderSettings(env: z.output<typeof simulatedProviderEnvSchema>): SimulatedProviderSettings {
  const failures = new Map<string, number>();
  for (const entry of env.SIM_PROVIDER_FAIL?.split(',') ?? []) {
    const [operation, times] = entry.split(':');
    failures.set(operation!, times === undefined ? Infinity : Number(times));
  }
  return { latencyMs: env.SIM_PROVIDER_LATENCY_MS, failures };
}

export const SIMULATED_PROVIDER_SETTINGS = Symbol('SIMULATED_PROVIDER_SETTINGS');
