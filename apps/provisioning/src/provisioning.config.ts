import { z } from 'zod';
import { baseEnvSchema, loadConfig, portSchema, toBaseConfig, type BaseConfig } from '@clusterplane/platform';

const envSchema = baseEnvSchema.extend({ PROVISIONING_HTTP_PORT: portSchema.default(3101) });

export type ProvisioningConfig = BaseConfig;

export function loadProvisioningConfig(env: NodeJS.ProcessEnv = process.env): ProvisioningConfig {
  const parsed = loadConfig('provisioning', envSchema, env) as z.output<typeof envSchema>;
  return toBaseConfig('provisioning', parsed, parsed.PROVISIONING_HTTP_PORT);
}
