import { type DynamicModule, Global, Module, type Provider } from '@nestjs/common';
import { COMMAND_TIMEOUT_MS, CommandClient } from './commands/command-client';
import { OutboxRelayService } from './events/outbox-relay.service';
import { NatsConnectionService } from './nats/nats-connection.service';

export interface MessagingOptions {
  /** Services that write outbox rows run a relay (one publishes at a time, across all). */
  relayOutbox?: boolean;
  commandTimeoutMs?: number;
}

/**
 * NATS for every service. A service that answers commands adds `CommandServer` and a
 * COMMAND_HANDLERS provider to its own module, where its handlers are visible.
 */
@Global()
@Module({})
export class MessagingModule {
  static forRoot(options: MessagingOptions = {}): DynamicModule {
    const providers: Provider[] = [
      NatsConnectionService,
      CommandClient,
      { provide: COMMAND_TIMEOUT_MS, useValue: options.commandTimeoutMs ?? 5_000 },
    ];
    if (options.relayOutbox) providers.push(OutboxRelayService);
    return {
      module: MessagingModule,
      providers,
      exports: [NatsConnectionService, CommandClient, ...(options.relayOutbox ? [OutboxRelayService] : [])],
    };
  }
}
