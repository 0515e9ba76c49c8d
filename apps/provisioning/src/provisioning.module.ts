import { type DynamicModule, Module } from '@nestjs/common';
import type { Logger } from 'pino';
import { COMMAND_HANDLERS, CommandServer, MessagingModule } from '@clusterplane/messaging';
import { PersistenceModule } from '@clusterplane/persistence';
import { PlatformModule, type BaseConfig } from '@clusterplane/platform';
import { ProvidersModule } from '@clusterplane/providers';
import { JOB_HANDLERS, QueuesModule, WorkerHost } from '@clusterplane/queues';
import { CreateClusterHandler } from './clusters/create-cluster.handler';
import { ProvisionClusterJob } from './clusters/provision-cluster.job';
import { TenantRegistry } from './clusters/tenant-registry';

@Module({})
export class ProvisioningModule {
  static create(config: BaseConfig, logger: Logger): DynamicModule {
    return {
      module: ProvisioningModule,
      imports: [PlatformModule.forRoot(config, logger), PersistenceModule, MessagingModule.forRoot({ relayOutbox: true }), QueuesModule, ProvidersModule],
      providers: [
        TenantRegistry,
        CreateClusterHandler,
        ProvisionClusterJob,
        { provide: COMMAND_HANDLERS, useFactory: (create: CreateClusterHandler) => [create], inject: [CreateClusterHandler] },
        { provide: JOB_HANDLERS, useFactory: (provision: ProvisionClusterJob) => [provision], inject: [ProvisionClusterJob] },
        CommandServer,
        WorkerHost,
      ],
    };
  }
}
