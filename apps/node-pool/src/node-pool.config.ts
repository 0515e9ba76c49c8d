import { loadServiceConfig, type BaseConfig } from '@clusterplane/platform';

export function loadNodePoolConfig(env: NodeJS.ProcessEnv = process.env): BaseConfig {
  return loadServiceConfig({ service: 'node-pool', portVariable: 'NODE_POOL_HTTP_PORT', defaultPort: 3102, env: {}, map: () => ({}) }, env);
}
