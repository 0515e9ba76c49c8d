import type { Logger } from 'pino';
import type { BaseConfig, MetricsRegistry } from '@clusterplane/platform';
import type { PrismaService } from '@clusterplane/persistence';
import type { NatsConnectionService } from '../nats/nats-connection.service';
import { OutboxRelayService } from './outbox-relay.service';

/**
 * When the relay runs its passes. The outbox here is always empty (no event is published), so
 * what is counted is the work each pass costs: the transactions it opens and the idle checks.
 */
describe('OutboxRelayService scheduling', () => {
  let pendingCheck: jest.Mock;
  let transactions: jest.Mock;
  let lockTaken: boolean;
  let relay: OutboxRelayService;

  beforeEach(() => {
    jest.useFakeTimers({ now: 1_000_000 });
    lockTaken = true;
    pendingCheck = jest.fn().mockResolvedValue({ rows: [{ pending: false }] });
    const tx = { $queryRaw: jest.fn(async () => [{ locked: lockTaken, id: null }]), $executeRaw: jest.fn() };
    transactions = jest.fn(async (work: (t: typeof tx) => Promise<unknown>) => work(tx));
    const prisma = { pool: { query: pendingCheck }, $transaction: transactions } as unknown as PrismaService;
    const nats = { isConnected: () => true } as unknown as NatsConnectionService;
    const logger = { warn: jest.fn() } as unknown as Logger;
    const metrics = { outboxPublished: { inc: jest.fn() } } as unknown as MetricsRegistry;
    relay = new OutboxRelayService(prisma, nats, {} as BaseConfig, logger, metrics);
  });

  afterEach(async () => {
    await relay.onApplicationShutdown();
    jest.useRealTimers();
  });

  it('starts a pass at once when kicked after a quiet spell', async () => {
    relay.kick();
    await jest.advanceTimersByTimeAsync(0);
    expect(transactions).toHaveBeenCalledTimes(1);
  });

  it('lets the kicks that come during a pass share the one pass that follows it', async () => {
    relay.kick();
    relay.kick(); // before the first pass read the outbox: the same pass covers it
    await jest.advanceTimersByTimeAsync(0);
    expect(transactions).toHaveBeenCalledTimes(1);

    relay.kick();
    relay.kick();
    relay.kick();
    await jest.advanceTimersByTimeAsync(19);
    expect(transactions).toHaveBeenCalledTimes(1);
    await jest.advanceTimersByTimeAsync(1);
    expect(transactions).toHaveBeenCalledTimes(2);
    await jest.advanceTimersByTimeAsync(200);
    expect(transactions).toHaveBeenCalledTimes(2);
  });

  it('polls with one query outside a transaction while the outbox is empty', async () => {
    relay.kick();
    await jest.advanceTimersByTimeAsync(0);
    await jest.advanceTimersByTimeAsync(1_000);
    expect(transactions).toHaveBeenCalledTimes(1);
    expect(pendingCheck).toHaveBeenCalledTimes(4);
  });

  it('opens a transaction on a poll that finds unpublished events', async () => {
    pendingCheck.mockResolvedValue({ rows: [{ pending: true }] });
    relay.kick();
    await jest.advanceTimersByTimeAsync(0);
    await jest.advanceTimersByTimeAsync(250);
    expect(transactions).toHaveBeenCalledTimes(2);
  });

  it('tries again soon when another relay held the lock after a kick: it may have read the outbox before this commit', async () => {
    lockTaken = false;
    relay.kick();
    await jest.advanceTimersByTimeAsync(0);
    expect(transactions).toHaveBeenCalledTimes(1);
    pendingCheck.mockResolvedValue({ rows: [{ pending: true }] });
    await jest.advanceTimersByTimeAsync(20);
    expect(transactions).toHaveBeenCalledTimes(2);
  });
});
