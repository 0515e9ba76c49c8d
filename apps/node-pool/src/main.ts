import { bootstrapService, createLogger, runMain } from '@clusterplane/platform';
import { loadNodePoolConfig } from './node-pool.config';
import { NodePoolModule } from './node-pool.module';

runMain(async () => {
  const config = loadNodePoolConfig();
  const logger = createLogger(config.service, config.logLevel);
  await bootstrapService({ config, logger, module: NodePoolModule.create(config, logger) });
});
