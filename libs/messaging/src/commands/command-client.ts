import { Inject, Injectable } from '@nestjs/common';
import { ErrorCode as NatsErrorCode, headers, type NatsError } from 'nats';
import {
  AppError,
  COMMANDS,
  commandSubject,
  fromErrorEnvelope,
  type CommandName,
  type CommandReply,
  type CommandRequest,
} from '@clusterplane/contracts';
import { APP_CONFIG, type BaseConfig, CORRELATION_HEADER, currentCorrelationId } from '@clusterplane/platform';
import { NatsConnectionService } from '../nats/nats-connection.service';
import type { CommandReplyEnvelope } from './command-reply';
import { encodeCommandRequest } from './command-wire';
import { decodeJson } from './json-codec';

export const COMMAND_TIMEOUT_MS = Symbol('COMMAND_TIMEOUT_MS');

/** Retry-After (seconds) suggested to HTTP clients while the bus is unavailable. */
export const BUS_RETRY_AFTER_SECONDS = 2;

/**
 * Sends a command over NATS request/reply and returns the validated reply, or throws an
 * AppError: the service's own error, `unavailable` (503) when NATS is down or nobody
 * listens, `deadline_exceeded` (504) when no answer came in time.
 */
@Injectable()
export class CommandClient {
  constructor(
    private readonly nats: NatsConnectionService,
    @Inject(APP_CONFIG) private readonly config: BaseConfig,
    @Inject(COMMAND_TIMEOUT_MS) private readonly timeoutMs: number,
  ) {}

  async send<N extends CommandName>(name: N, request: CommandRequest<N>): Promise<CommandReply<N>> {
    if (!this.nats.isConnected()) throw busUnavailable('the command bus is unreachable');
    const h = headers();
    const correlationId = currentCorrelationId();
    if (correlationId) h.set(CORRELATION_HEADER, correlationId);

    let raw: Uint8Array;
    try {
      const msg = await this.nats.connection.request(commandSubject(this.config.subjectRoot, name), encodeCommandRequest(name, request), {
        timeout: this.timeoutMs,
        headers: h,
      });
      raw = msg.data;
    } catch (error) {
      throw translateNatsError(error as NatsError);
    }

    const envelope = decodeJson(raw) as CommandReplyEnvelope;
    if (!envelope.ok) throw fromErrorEnvelope(envelope.error);
    const parsed = COMMANDS[name].reply.safeParse(envelope.data);
    if (!parsed.success) throw new AppError('internal', `malformed reply to ${name}`);
    return parsed.data as CommandReply<N>;
  }
}

function busUnavailable(message: string): AppError {
  return new AppError('unavailable', `${message}; retry in ${BUS_RETRY_AFTER_SECONDS} s`);
}

function translateNatsError(error: NatsError): AppError {
  if (error.code === NatsErrorCode.NoResponders) return busUnavailable('no service is answering this command');
  if (error.code === NatsErrorCode.Timeout) return new AppError('deadline_exceeded', 'the command timed out before a service answered');
  if (error.code === NatsErrorCode.ConnectionClosed || error.code === NatsErrorCode.Disconnect) return busUnavailable('the command bus is unreachable');
  return busUnavailable(`the command bus failed (${error.code ?? 'unknown'})`);
}
