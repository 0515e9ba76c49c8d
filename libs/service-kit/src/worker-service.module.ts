import type { DynamicModule, Provider, Type } from '@nestjs/common';
import type { Logger } from 'pino';
import { COMMAND_HANDLERS, CommandServer, MessagingModule, type CommandHandler } from '@clusterplane/messaging';
import { PersistenceModule } from '@clusterplane/persistence';
import { PlatformModule, type BaseConfig } from '@clusterplane/platform';
import { ProvidersModule } from '@clusterplane/providers';
import { JOB_HANDLERS, QueuesModule, WorkerHost, type JobHandler } from '@clusterplane/queues';

export interface WorkerServiceOptions {
  /** The service's own (empty) module class, which this call makes dynamic. */
  module: Type;
  config: BaseConfig;
  logger: Logger;
  commandHandlers?: Type<CommandHandler>[];
  jobHandlers?: Type<JobHandler>[];
  /** Anything else the handlers need. */
  providers?: Provider[];
}

/**
 * The shape every worker service shares: platform, Postgres, NATS with an outbox relay,
 * BullMQ, the providers, and its handlers registered with the command server and worker host.
 */
export function workerServiceModule(options: WorkerServiceOptions): DynamicModule {
  const commandHandlers = options.commandHandlers ?? [];
  const jobHandlers = options.jobHandlers ?? [];
  return {
    module: options.module,
    imports: [
      PlatformModule.forRoot(options.config, options.logger),
      PersistenceModule,
      MessagingModule.forRoot({ relayOutbox: true }),
      QueuesModule,
      ProvidersModule,
    ],
    providers: [
      ...(options.providers ?? []),
      ...commandHandlers,
      ...jobHandlers,
      { provide: COMMAND_HANDLERS, useFactory: (...handlers: CommandHandler[]) => handlers, inject: commandHandlers },
      { provide: JOB_HANDLERS, useFactory: (...handlers: JobHandler[]) => handlers, inject: jobHandlers },
      CommandServer,
      WorkerHost,
    ],
  };
}
