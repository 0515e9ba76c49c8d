import { type DynamicModule, Module } from '@nestjs/common';
import type { Logger } from 'pino';
import type { BaseConfig } from '@clusterplane/platform';
import { workerServiceModule } from '@clusterplane/service-kit';
import { CreateInstanceHandler } from './instances/create-instance.handler';
import { StartInstanceHandler, StopInstanceHandler } from './instances/instance-power.handlers';
import { InstancePowerJob } from './instances/instance-power.job';
import { ProvisionInstanceJob } from './instances/provision-instance.job';
import { CreateNodePoolHandler } from './pools/create-node-pool.handler';
import { ReconcileNodePoolJob } from './pools/reconcile-node-pool.job';
import { ReconcileNodePoolsJob } from './pools/reconcile-node-pools.job';
import { ScaleNodePoolHandler } from './pools/scale-node-pool.handler';

/** Node pools, nodes and standalone instances: commands in the `node-pool` queue group, jobs on queue `node-pool`. */
@Module({})
export class NodePoolModule {
  static create(config: BaseConfig, logger: Logger): DynamicModule {
    return workerServiceModule({
      module: NodePoolModule,
      config,
      logger,
      commandHandlers: [CreateNodePoolHandler, ScaleNodePoolHandler, CreateInstanceHandler, StartInstanceHandler, StopInstanceHandler],
      jobHandlers: [ReconcileNodePoolJob, ReconcileNodePoolsJob, ProvisionInstanceJob, InstancePowerJob],
    });
  }
}
