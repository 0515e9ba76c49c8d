import { bootstrapService, createLogger, runMain } from '@clusterplane/platform';
import { loadProvisioningConfig } from './provisioning.config';
import { ProvisioningModule } from './provisioning.module';

runMain(async () => {
  const config = loadProvisioningConfig();
  const logger = createLogger(config.service, config.logLevel);
  await bootstrapService({ config, logger, module: ProvisioningModule.create(config, logger) });
});
