import { Inject, Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import IORedis, { type Redis } from 'ioredis';
import type { Logger } from 'pino';
import { APP_CONFIG, LOGGER } from '@clusterplane/platform';
import type { GatewayConfig } from '../gateway.config';
import { TOKEN_BUCKET_SCRIPT } from './token-bucket.script';

export type RateLimitDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

type BucketRedis = Redis & { takeToken(key: string, rate: number, burst: number): Promise<[number, number]> };

/** A Redis that does not answer fast is treated as absent: the limiter must not slow requests. */
const COMMAND_TIMEOUT_MS = 250;
/** How long start-up waits for the connection; mutations before it are let through. */
const CONNECT_WAIT_MS = 2_000;
/** How often "limiter unavailable" is logged while Redis stays away. */
const WARN_EVERY_MS = 30_000;

/**
 * Per-tenant token bucket over mutations (RATE_LIMIT_MUTATIONS_PER_S, RATE_LIMIT_BURST), kept
 * in Redis under the service's key prefix so all gateway replicas share it. When Redis cannot
 * be reached the limiter fails open: a request is never refused or slowed because of it.
 */
@Injectable()
export class MutationRateLimiter implements OnModuleInit, OnApplicationShutdown {
  private readonly redis?: BucketRedis;
  private lastWarnAt = Number.NEGATIVE_INFINITY;

  constructor(
    @Inject(APP_CONFIG) private readonly config: GatewayConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    if (!this.enabled) return;
    const redis = new IORedis(config.redisUrl, {
      connectionName: `${config.service}:rate-limit`,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      commandTimeout: COMMAND_TIMEOUT_MS,
      disconnectTimeout: COMMAND_TIMEOUT_MS,
      retryStrategy: (attempt) => Math.min(attempt * 200, 2_000),
    });
    redis.defineCommand('takeToken', { numberOfKeys: 1, lua: TOKEN_BUCKET_SCRIPT });
    redis.on('error', (error: Error) => this.warn(error));
    this.redis = redis as BucketRedis;
  }

  get enabled(): boolean {
    return this.config.rateLimit.mutationsPerSecond > 0;
  }

  /** Gives the connection a moment, so the limit holds from the first request; never fails. */
  async onModuleInit(): Promise<void> {
    const redis = this.redis;
    if (!redis || redis.status === 'ready') return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, CONNECT_WAIT_MS);
      redis.once('ready', () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  async take(tenantId: number): Promise<RateLimitDecision> {
    if (!this.redis) return { allowed: true };
    const { mutationsPerSecond, burst } = this.config.rateLimit;
    try {
      const [allowed, waitMs] = await this.redis.takeToken(`${this.config.queuePrefix}:ratelimit:mutations:${tenantId}`, mutationsPerSecond, burst);
      return allowed === 1 ? { allowed: true } : { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
    } catch (error) {
      this.warn(error as Error);
      return { allowed: true };
    }
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.redis?.status === 'ready') await this.redis.quit().catch(() => undefined);
    this.redis?.disconnect();
  }

  private warn(error: Error): void {
    const now = Date.now();
    if (now - this.lastWarnAt < WARN_EVERY_MS) return;
    this.lastWarnAt = now;
    this.logger.warn({ reason: error.message }, 'rate limiter cannot reach Redis; letting mutations through');
  }
}
