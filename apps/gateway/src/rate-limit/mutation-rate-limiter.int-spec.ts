import { randomBytes } from 'node:crypto';
import IORedis from 'ioredis';
import type { Logger } from 'pino';
import type { GatewayConfig } from '../gateway.config';
import { MutationRateLimiter } from './mutation-rate-limiter.service';

const REDIS_URL = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';

describe('MutationRateLimiter on a real Redis', () => {
  const prefix = `{ratelimit-test-${randomBytes(4).toString('hex')}}`;
  const limiters: MutationRateLimiter[] = [];
  const logger = { warn: jest.fn() } as unknown as Logger & { warn: jest.Mock };

  async function limiter(rateLimit: GatewayConfig['rateLimit'], redisUrl = REDIS_URL): Promise<MutationRateLimiter> {
    const created = new MutationRateLimiter({ service: 'gateway', redisUrl, queuePrefix: prefix, rateLimit } as GatewayConfig, logger);
    limiters.push(created);
    await created.onModuleInit();
    return created;
  }

  afterAll(async () => {
    await Promise.all(limiters.map((l) => l.onApplicationShutdown()));
    const redis = new IORedis(REDIS_URL);
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
  });

  it('lets a burst through, then refuses with a whole-second Retry-After, per tenant, shared by two instances', async () => {
    const a = await limiter({ mutationsPerSecond: 0.5, burst: 5 });
    const b = await limiter({ mutationsPerSecond: 0.5, burst: 5 });
    const decisions = [];
    for (let i = 0; i < 6; i++) decisions.push(await (i % 2 === 0 ? a : b).take(101));
    expect(decisions.slice(0, 5).every((d) => d.allowed)).toBe(true);
    expect(decisions[5]).toEqual({ allowed: false, retryAfterSeconds: 2 });
    await expect(a.take(102)).resolves.toEqual({ allowed: true });
  });

  it('refills at the configured rate', async () => {
    const fast = await limiter({ mutationsPerSecond: 20, burst: 1 });
    await expect(fast.take(201)).resolves.toEqual({ allowed: true });
    await expect(fast.take(201)).resolves.toEqual({ allowed: false, retryAfterSeconds: 1 });
    const deadline = Date.now() + 5_000;
    let decision = await fast.take(201);
    while (!decision.allowed && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      decision = await fast.take(201);
    }
    expect(decision.allowed).toBe(true);
  });

  it('takes 100 tokens atomically under concurrency: exactly the burst passes', async () => {
    const shared = await limiter({ mutationsPerSecond: 0.001, burst: 40 });
    const decisions = await Promise.all(Array.from({ length: 100 }, () => shared.take(301)));
    expect(decisions.filter((d) => d.allowed)).toHaveLength(40);
  });

  it('fails open, logging a warning, when Redis cannot be reached', async () => {
    const unreachable = await limiter({ mutationsPerSecond: 1, burst: 1 }, 'redis://127.0.0.1:1');
    for (let i = 0; i < 5; i++) await expect(unreachable.take(401)).resolves.toEqual({ allowed: true });
    expect(logger.warn).toHaveBeenCalled();
  });

  it('does nothing when the rate is 0', async () => {
    const off = await limiter({ mutationsPerSecond: 0, burst: 1 });
    expect(off.enabled).toBe(false);
    for (let i = 0; i < 3; i++) await expect(off.take(501)).resolves.toEqual({ allowed: true });
  });
});
