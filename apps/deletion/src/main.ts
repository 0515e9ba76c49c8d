import { bootstrapService, createLogger, runMain } from '@clusterplane/platform';
import { loadDeletionConfig } from './deletion.config';
import { DeletionModule } from './deletion.module';

runMain(async () => {
  const config = loadDeletionConfig();
  const logger = createLogger(config.service, config.logLevel);
  await bootstrapService({ config, logger, module: DeletionModule.create(config, logger) });
});
