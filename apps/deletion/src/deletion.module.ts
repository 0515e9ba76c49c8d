import { type DynamicModule, Module } from '@nestjs/common';
import type { Logger } from 'pino';
import { COMMAND_HANDLERS, CommandServer, MessagingModule } from '@clusterplane/messaging';
import { PersistenceModule } from '@clusterplane/persistence';
import { PlatformModule } from '@clusterplane/platform';
import { ProvidersModule } from '@clusterplane/providers';
import { JOB_HANDLERS, QueuesModule, WorkerHost } from '@clusterplane/queues';
import { DeleteClusterHandler } from './clusters/delete-cluster.handler';
import { FinalizeClusterJob } from './clusters/finalize-cluster.job';
import type { DeletionConfig } from './deletion.config';
import { AgentUninstallStep } from './finalizers/agent-uninstall.step';
import { CredentialsStep } from './finalizers/credentials.step';
import { FINALIZER_STEPS } from './finalizers/finalizer-step';
import { NodePoolsStep } from './finalizers/node-pools.step';
import { ProviderInfrastructureStep } from './finalizers/provider-infrastructure.step';
import { CollectOrphansJob } from './orphans/collect-orphans.job';

const STEPS = [AgentUninstallStep, NodePoolsStep, ProviderInfrastructureStep, CredentialsStep];

@Module({})
export class DeletionModule {
  static create(config: DeletionConfig, logger: Logger): DynamicModule {
    return {
      module: DeletionModule,
      imports: [PlatformModule.forRoot(config, logger), PersistenceModule, MessagingModule.forRoot({ relayOutbox: true }), QueuesModule, ProvidersModule],
      providers: [
        ...STEPS,
        { provide: FINALIZER_STEPS, useFactory: (...steps: unknown[]) => steps, inject: STEPS },
        DeleteClusterHandler,
        FinalizeClusterJob,
        CollectOrphansJob,
        { provide: COMMAND_HANDLERS, useFactory: (del: DeleteClusterHandler) => [del], inject: [DeleteClusterHandler] },
        { provide: JOB_HANDLERS, useFactory: (...jobs: unknown[]) => jobs, inject: [FinalizeClusterJob, CollectOrphansJob] },
        CommandServer,
        WorkerHost,
      ],
    };
  }
}
