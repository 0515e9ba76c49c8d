import { randomUUID } from 'node:crypto';
import { Inject, Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import type { Msg, Subscription } from 'nats';
import type { Logger } from 'pino';
import { AppError, COMMANDS, commandSubject, toErrorEnvelope, type CommandName } from '@clusterplane/contracts';
import { APP_CONFIG, type BaseConfig, CORRELATION_HEADER, LOGGER, MetricsRegistry, runWithCorrelation } from '@clusterplane/platform';
import { isDatabaseBusy } from '@clusterplane/persistence';
import { NatsConnectionService } from '../nats/nats-connection.service';
import { COMMAND_HANDLERS, type CommandHandler } from './command-handler';
import type { CommandReplyEnvelope } from './command-reply';
import { decodeCommandRequest } from './command-wire';
import { encodeJson } from './json-codec';

/**
 * Subscribes each registered handler to its subject in the service's queue group, so replicas
 * share the load. Requests are validated against the contract before a handler sees them.
 */
@Injectable()
export class CommandServer implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly subscriptions: Subscription[] = [];

  constructor(
    private readonly nats: NatsConnectionService,
    @Inject(COMMAND_HANDLERS) private readonly handlers: CommandHandler[],
    @Inject(APP_CONFIG) private readonly config: BaseConfig,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly metrics: MetricsRegistry,
  ) {}

  onApplicationBootstrap(): void {
    assertOneHandlerPerCommand(this.handlers);
    for (const handler of this.handlers) {
      const subject = commandSubject(this.config.subjectRoot, handler.command);
      const subscription = this.nats.connection.subscribe(subject, {
        queue: this.config.service,
        callback: (error, msg) => {
          if (error) {
            this.logger.error({ err: error, subject }, 'command subscription error');
            return;
          }
          void this.dispatch(handler, msg);
        },
      });
      this.subscriptions.push(subscription);
    }
    this.logger.info({ commands: this.handlers.map((h) => h.command) }, 'command handlers subscribed');
  }

  /** Stop taking new commands first; in-flight ones finish before NATS itself drains. */
  async beforeApplicationShutdown(): Promise<void> {
    await Promise.all(this.subscriptions.map((s) => s.drain().catch(() => undefined)));
  }

  private async dispatch(handler: CommandHandler, msg: Msg): Promise<void> {
    const correlationId = msg.headers?.get(CORRELATION_HEADER) || undefined;
    await runWithCorrelation(correlationId, async () => {
      const started = performance.now();
      const reply = await this.execute(handler, msg);
      const outcome = reply.ok ? 'ok' : reply.error.code;
      this.metrics.commands.observe({ command: handler.command, outcome }, (performance.now() - started) / 1000);
      if (msg.reply) msg.respond(encodeJson(reply));
    });
  }

  private async execute(handler: CommandHandler, msg: Msg): Promise<CommandReplyEnvelope> {
    try {
      const parsed = COMMANDS[handler.command].request.safeParse(decodeCommandRequest(handler.command, msg.data));
      if (!parsed.success) {
        const details = parsed.error.issues.map((i) => ({ field: i.path.join('.'), message: i.message }));
        throw new AppError('invalid_argument', `invalid ${handler.command} request`, details);
      }
      return { ok: true, data: await handler.handle(parsed.data as never) };
    } catch (error) {
      if (error instanceof AppError) return { ok: false, error: toErrorEnvelope(error) };
      if (isDatabaseBusy(error)) {
        this.logger.warn({ err: error, command: handler.command }, 'database busy');
        return { ok: false, error: toErrorEnvelope(new AppError('unavailable', 'the database is busy; retry shortly')) };
      }
      const errorId = randomUUID();
      this.logger.error({ err: error, errorId, command: handler.command }, 'command failed');
      return { ok: false, error: toErrorEnvelope(new AppError('internal', 'internal error'), errorId) };
    }
  }
}

function assertOneHandlerPerCommand(handlers: CommandHandler[]): void {
  const seen = new Set<CommandName>();
  for (const handler of handlers) {
    if (seen.has(handler.command)) throw new Error(`two handlers registered for command ${handler.command}`);
    seen.add(handler.command);
  }
}
