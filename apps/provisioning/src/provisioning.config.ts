import { loadServiceConfig, type BaseConfig } from '@clusterplane/platform';

export type ProvisioningConfig = BaseConfig;

export function loadProvisioningConfig(env: NodeJS.ProcessEnv = process.env): ProvisioningConfig {
  return loadServiceConfig({ service: 'provisioning', portVariable: 'PROVISIONING_HTTP_PORT', defaultPort: 3101, env: {}, map: () => ({}) }, env);
}
