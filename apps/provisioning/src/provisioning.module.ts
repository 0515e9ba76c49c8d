import { type DynamicModule, Module } from '@nestjs/common';
import type { Logger } from 'pino';
import type { BaseConfig } from '@clusterplane/platform';
import { workerServiceModule } from '@clusterplane/service-kit';
import { CreateClusterHandler } from './clusters/create-cluster.handler';
import { ProvisionClusterJob } from './clusters/provision-cluster.job';
import { TenantRegistry } from './clusters/tenant-registry';

@Module({})
export class ProvisioningModule {
  static create(config: BaseConfig, logger: Logger): DynamicModule {
    return workerServiceModule({
      module: ProvisioningModule,
      config,
      logger,
      commandHandlers: [CreateClusterHandler],
      jobHandlers: [ProvisionClusterJob],
      providers: [TenantRegistry],
    });
  }
}
