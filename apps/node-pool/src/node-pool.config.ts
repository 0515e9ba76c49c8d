import { z } from 'zod';
import { baseEnvSchema, loadConfig, portSchema, toBaseConfig, type BaseConfig } from '@clusterplane/platform';

const envSchema = baseEnvSchema.extend({ NODE_POOL_HTTP_PORT: portSchema.default(3102) });

export function loadNodePoolConfig(env: NodeJS.ProcessEnv = process.env): BaseConfig {
  const parsed = loadConfig('node-pool', envSchema, env) as z.output<typeof envSchema>;
  return toBaseConfig('node-pool', parsed, parsed.NODE_POOL_HTTP_PORT);
}
