import { bootstrapService, createLogger, runMain } from '@clusterplane/platform';
import { loadStatusConfig } from './status.config';
import { StatusModule } from './status.module';

runMain(async () => {
  const config = loadStatusConfig();
  const logger = createLogger(config.service, config.logLevel);
  await bootstrapService({ config, logger, module: StatusModule.create(config, logger) });
});
