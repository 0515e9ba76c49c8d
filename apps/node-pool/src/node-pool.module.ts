import { type DynamicModule, Module } from '@nestjs/common';
import type { Logger } from 'pino';
import { COMMAND_HANDLERS, CommandServer, MessagingModule } from '@clusterplane/messaging';
import { PersistenceModule } from '@clusterplane/persistence';
import { PlatformModule, type BaseConfig } from '@clusterplane/platform';
import { ProvidersModule } from '@clusterplane/providers';
import { JOB_HANDLERS, QueuesModule, WorkerHost } from '@clusterplane/queues';

/**
 * Node pools, nodes and standalone instances. The service is wired like the others (commands
 * in its queue group, jobs on queue `node-pool`); its handlers are listed below.
 */
@Module({})
export class NodePoolModule {
  static create(config: BaseConfig, logger: Logger): DynamicModule {
    return {
      module: NodePoolModule,
      imports: [PlatformModule.forRoot(config, logger), PersistenceModule, MessagingModule.forRoot({ relayOutbox: true }), QueuesModule, ProvidersModule],
      providers: [
        { provide: COMMAND_HANDLERS, useValue: [] },
        { provide: JOB_HANDLERS, useValue: [] },
        CommandServer,
        WorkerHost,
      ],
    };
  }
}
