import IORedis, { type Redis } from 'ioredis';

/**
 * BullMQ workers block on Redis, so commands must wait through a reconnect instead of failing
 * after a few retries (`maxRetriesPerRequest: null`).
 */
export function createRedisConnection(url: string, name: string): Redis {
  return new IORedis(url, {
    maxRetriesPerRequest: null,
    enableReadyCheck: true,
    connectionName: name,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2_000),
  });
}
