import { Inject, Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { connect, Events, type NatsConnection } from 'nats';
import type { Logger } from 'pino';
import { APP_CONFIG, type BaseConfig, HealthRegistry, LOGGER } from '@clusterplane/platform';

/**
 * One NATS connection per process. It reconnects forever; while it is down `isConnected()` is
 * false so callers can answer 503 at once instead of waiting for a timeout.
 */
@Injectable()
export class NatsConnectionService implements OnModuleInit, OnApplicationShutdown {
  private nc?: NatsConnection;
  private connected = false;
  private readonly onReconnect = new Set<() => void>();

  constructor(
    @Inject(APP_CONFIG) private readonly config: BaseConfig,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly health: HealthRegistry,
  ) {}

  async onModuleInit(): Promise<void> {
    this.nc = await connect({
      servers: this.config.natsUrl,
      name: this.config.service,
      maxReconnectAttempts: -1,
      reconnectTimeWait: 250,
      waitOnFirstConnect: true,
      pingInterval: 5_000,
      maxPingOut: 2,
    });
    this.connected = true;
    void this.watchStatus(this.nc);
    this.health.register({ name: 'nats', check: () => this.ping() });
  }

  get connection(): NatsConnection {
    if (!this.nc) throw new Error('NATS is not connected yet');
    return this.nc;
  }

  isConnected(): boolean {
    return this.connected && !!this.nc && !this.nc.isClosed();
  }

  /** Subscriptions survive reconnects; this hook is for state that does not (e.g. streams). */
  whenReconnected(listener: () => void): void {
    this.onReconnect.add(listener);
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.nc && !this.nc.isClosed()) await this.nc.drain().catch(() => undefined);
  }

  private async ping(): Promise<void> {
    if (!this.isConnected()) throw new Error('disconnected');
    await this.connection.flush();
  }

  private async watchStatus(nc: NatsConnection): Promise<void> {
    for await (const status of nc.status()) {
      if (status.type === Events.Disconnect) {
        this.connected = false;
        this.logger.warn({ server: status.data }, 'NATS disconnected');
      } else if (status.type === Events.Reconnect) {
        this.connected = true;
        this.logger.info({ server: status.data }, 'NATS reconnected');
        for (const listener of this.onReconnect) listener();
      }
    }
    this.connected = false;
  }
}
