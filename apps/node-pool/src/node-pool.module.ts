import { type DynamicModule, Module } from '@nestjs/common';
import type { Logger } from 'pino';
import type { BaseConfig } from '@clusterplane/platform';
import { workerServiceModule } from '@clusterplane/service-kit';

/**
 * Node pools, nodes and standalone instances: commands in the `node-pool` queue group, jobs
 * on queue `node-pool`. Its handlers arrive with the resources they serve.
 */
@Module({})
export class NodePoolModule {
  static create(config: BaseConfig, logger: Logger): DynamicModule {
    return workerServiceModule({ module: NodePoolModule, config, logger });
  }
}
