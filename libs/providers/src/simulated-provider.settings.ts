import { z } from 'zod';

export const simulatedProviderEnvSchema = z.object({
  /** Delay of every simulated provider call; 0 adds no delay at all. */
  SIM_PROVIDER_LATENCY_MS: z.coerce.number().int().min(0).max(600_000).default(0),
});

export interface SimulatedProviderSettings {
  latencyMs: number;
}

export const SIMULATED_PROVIDER_SETTINGS = Symbol('SIMULATED_PROVIDER_SETTINGS');
