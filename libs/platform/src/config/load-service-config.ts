import { z } from 'zod';
import { baseEnvSchema, portSchema, toBaseConfig, type BaseConfig } from './base-config';
import { loadConfig } from './load-config';

export interface ServiceConfigSpec<S extends z.ZodRawShape, X> {
  service: string;
  /** The variable holding this service's HTTP port, e.g. `STATUS_HTTP_PORT`. */
  portVariable: string;
  defaultPort: number;
  /** The service's own variables, on top of the shared ones. */
  env: S;
  /** Turns the parsed variables into the service's own config fields. */
  map: (env: z.output<z.ZodObject<S>>) => X;
}

/** Parses shared and service variables in one pass, so every problem is reported together. */
export function loadServiceConfig<S extends z.ZodRawShape, X>(spec: ServiceConfigSpec<S, X>, env: NodeJS.ProcessEnv = process.env): BaseConfig & X {
  const schema = baseEnvSchema.extend({ [spec.portVariable]: portSchema.default(spec.defaultPort) }).extend(spec.env);
  const parsed = loadConfig(spec.service, schema, env) as Record<string, unknown>;
  const base = toBaseConfig(spec.service, parsed as z.output<typeof baseEnvSchema>, parsed[spec.portVariable] as number);
  return { ...base, ...spec.map(parsed as z.output<z.ZodObject<S>>) };
}
