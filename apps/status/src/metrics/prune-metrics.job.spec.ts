import type { Logger } from 'pino';
import type { PrismaService } from '@clusterplane/persistence';
import type { QueueRegistry } from '@clusterplane/queues';
import type { StatusConfig } from '../status.config';
import { PruneMetricsJob } from './prune-metrics.job';

const DAY_MS = 24 * 3600_000;

/** A Prisma stand-in whose DELETE reports the given row counts, one per call. */
function fakePrisma(deletedPerCall: number[]) {
  const calls: { sql: string; cutoff: Date; limit: number }[] = [];
  const prisma = {
    $executeRaw: jest.fn(async (strings: TemplateStringsArray, cutoff: Date, limit: number) => {
      calls.push({ sql: strings.join('?'), cutoff, limit });
      return deletedPerCall.shift() ?? 0;
    }),
  } as unknown as PrismaService;
  return { prisma, calls };
}

const job = (prisma: PrismaService) =>
  new PruneMetricsJob(prisma, {} as QueueRegistry, { metricsRetentionMs: 7 * DAY_MS, metricsPruneIntervalMs: 1000 } as StatusConfig, { info: jest.fn() } as unknown as Logger);

describe('PruneMetricsJob', () => {
  it('deletes samples older than the retention, batch after batch while batches come back full', async () => {
    const { prisma, calls } = fakePrisma([5_000, 5_000, 1_234]);
    const before = Date.now();
    await job(prisma).handle();
    expect(calls).toHaveLength(3);
    for (const call of calls) {
      expect(call.limit).toBe(5_000);
      expect(call.cutoff.getTime()).toBeGreaterThanOrEqual(before - 7 * DAY_MS);
      expect(call.cutoff.getTime()).toBeLessThanOrEqual(Date.now() - 7 * DAY_MS);
      expect(call.sql).toContain('ORDER BY time LIMIT');
    }
  });

  it('stops after one batch when nothing (or little) is old', async () => {
    const { prisma, calls } = fakePrisma([0]);
    await job(prisma).handle();
    expect(calls).toHaveLength(1);
  });

  it('bounds one run, leaving the rest for the next one', async () => {
    const { prisma, calls } = fakePrisma(Array.from({ length: 1_000 }, () => 5_000));
    await job(prisma).handle();
    expect(calls).toHaveLength(200);
  });
});
