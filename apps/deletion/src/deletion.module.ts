import { type DynamicModule, Module } from '@nestjs/common';
import type { Logger } from 'pino';
import { workerServiceModule } from '@clusterplane/service-kit';
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
    return workerServiceModule({
      module: DeletionModule,
      config,
      logger,
      commandHandlers: [DeleteClusterHandler],
      jobHandlers: [FinalizeClusterJob, CollectOrphansJob],
      providers: [...STEPS, { provide: FINALIZER_STEPS, useFactory: (...steps: unknown[]) => steps, inject: STEPS }],
    });
  }
}
