import { AppError, STATUS_REPORT_BATCH_MAX, STATUS_REPORT_BATCH_MAX_BYTES, type CommandRequest } from '@clusterplane/contracts';
import type { CommandClient } from '@clusterplane/messaging';
import { StatusReportForwarder } from './status-report-forwarder.service';

type Batch = CommandRequest<'status.report-batch'>;

/** Report `n`, its body padded to `bytes` when asked: batches are bounded by body bytes. */
const request = (n: number, bytes = 0): Batch['reports'][number] => ({
  clusterId: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
  tenantId: 1,
  receivedAt: new Date(0).toISOString(),
  body: Buffer.from(JSON.stringify({ reportedAt: new Date(n).toISOString(), version: '2.24' }).padEnd(bytes)),
});
const reportedAt = (report: Batch['reports'][number]) => JSON.parse(Buffer.from(report.body).toString()).reportedAt;

function setup(answer: (batch: Batch) => Promise<unknown> = async (batch) => ({ outcomes: batch.reports.map(() => ({ outcome: 'stored', commands: [] })) })) {
  const batches: Batch[] = [];
  const send = jest.fn(async (_name: string, batch: Batch) => {
    batches.push(batch);
    return answer(batch);
  });
  return { forwarder: new StatusReportForwarder({ send } as unknown as CommandClient), batches, send };
}

describe('StatusReportForwarder', () => {
  it('sends the reports of one turn of the event loop in one batch and hands each its own outcome', async () => {
    const { forwarder, batches } = setup(async (batch) => ({ outcomes: batch.reports.map((r, i) => ({ outcome: i === 1 ? 'deleted' : 'stored', commands: [] })) }));
    const outcomes = await Promise.all([0, 1, 2].map((n) => forwarder.forward(request(n))));
    expect(batches).toHaveLength(1);
    expect(batches[0]!.reports.map(reportedAt)).toEqual([0, 1, 2].map((n) => new Date(n).toISOString()));
    expect(outcomes.map((o) => o.outcome)).toEqual(['stored', 'deleted', 'stored']);
  });

  it('sends a lone report without waiting for company', async () => {
    const { forwarder, batches } = setup();
    await forwarder.forward(request(1));
    expect(batches).toHaveLength(1);
  });

  it(`never puts more than ${STATUS_REPORT_BATCH_MAX} reports in a batch`, async () => {
    const { forwarder, batches } = setup();
    await Promise.all(Array.from({ length: STATUS_REPORT_BATCH_MAX + 1 }, (_, n) => forwarder.forward(request(n))));
    expect(batches.map((b) => b.reports.length)).toEqual([STATUS_REPORT_BATCH_MAX, 1]);
  });

  it('starts a new batch before the bytes would exceed what one message may carry', async () => {
    const { forwarder, batches } = setup();
    const third = Math.floor(STATUS_REPORT_BATCH_MAX_BYTES / 3) + 1;
    await Promise.all([0, 1, 2, 3].map((n) => forwarder.forward(request(n, third))));
    expect(batches.map((b) => b.reports.length)).toEqual([2, 2]);
  });

  it('fails every report of a batch the bus could not deliver, with the bus error', async () => {
    const { forwarder } = setup(async () => {
      throw new AppError('unavailable', 'the command bus is unreachable');
    });
    const results = await Promise.allSettled([0, 1].map((n) => forwarder.forward(request(n))));
    expect(results.map((r) => (r as PromiseRejectedResult).reason.code)).toEqual(['unavailable', 'unavailable']);
  });

  it('fails the batch when the answer does not hold one outcome per report', async () => {
    const { forwarder } = setup(async () => ({ outcomes: [] }));
    await expect(forwarder.forward(request(0))).rejects.toThrow('status answered 0 outcomes for 1 reports');
  });
});
