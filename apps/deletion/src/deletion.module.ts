import { type DynamicModule, Module } from '@nestjs/common';
import type { Logger } from 'pino';
import { workerServiceModule } from '@clusterplane/service-kit';
import { DeleteClusterHandler } from './clusters/delete-cluster.handler';
import { FinalizeClusterJob } from './clusters/finalize-cluster.job';
import { ReconcileDeletionsJob } from './clusters/reconcile-deletions.job';
import type { DeletionConfig } from './deletion.config';
import { AgentUninstallStep } from './finalizers/agent-uninstall.step';
import { CredentialsStep } from './finalizers/credentials.step';
import { FINALIZER_STEPS } from './finalizers/finalizer-step';
import { NodePoolsStep } from './finalizers/node-pools.step';
import { ProviderInfrastructureStep } from './finalizers/provider-infrastructure.step';
import { DeleteFilesystemHandler } from './filesystems/delete-filesystem.handler';
import { FinalizeFilesystemJob } from './filesystems/finalize-filesystem.job';
import { DeleteInstanceHandler } from './instances/delete-instance.handler';
import { FinalizeInstanceJob } from './instances/finalize-instance.job';
import { DeleteNodePoolHandler } from './node-pools/delete-node-pool.handler';
import { FinalizeNodePoolJob } from './node-pools/finalize-node-pool.job';
import { CollectOrphansJob } from './orphans/collect-orphans.job';
import { DeleteProjectHandler } from './projects/delete-project.handler';

const STEPS = [AgentUninstallStep, NodePoolsStep, ProviderInfrastructureStep, CredentialsStep];

@Module({})
export class DeletionModule {
  static create(config: DeletionConfig, logger: Logger): DynamicModule {
    return workerServiceModule({
      module: DeletionModule,
      config,
      logger,
      commandHandlers: [DeleteClusterHandler, DeleteProjectHandler, DeleteInstanceHandler, DeleteFilesystemHandler, DeleteNodePoolHandler],
      jobHandlers: [FinalizeClusterJob, CollectOrphansJob, ReconcileDeletionsJob, FinalizeInstanceJob, FinalizeFilesystemJob, FinalizeNodePoolJob],
      providers: [...STEPS, { provide: FINALIZER_STEPS, useFactory: (...steps: unknown[]) => steps, inject: STEPS }],
    });
  }
}
