import { reportBody } from '@clusterplane/domain';
import type { ParsedCommandRequest } from '@clusterplane/contracts';
import { IngestReportBatchHandler } from './ingest-report-batch.handler';
import type { IngestReportHandler } from './ingest-report.handler';

type Forwarded = ParsedCommandRequest<'status.report-batch'>['reports'][number];

const forwarded = (n: number, body: string): Forwarded => ({
  clusterId: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
  tenantId: 7,
  secretVersion: 1,
  receivedAt: new Date(0).toISOString(),
  body: new TextEncoder().encode(body),
});
const valid = (n: number) => JSON.stringify(reportBody('healthy', { version: '2.24', reportedAt: new Date(n), acks: [] }));

describe('IngestReportBatchHandler', () => {
  it('hands each valid report, parsed, to the batcher and answers an invalid one with its 400, in the batch order', async () => {
    const handled: ParsedCommandRequest<'status.report'>[] = [];
    const single = { handle: async (request: ParsedCommandRequest<'status.report'>) => (handled.push(request), { outcome: 'stored', commands: [] }) };
    const handler = new IngestReportBatchHandler(single as unknown as IngestReportHandler);

    const { outcomes } = await handler.handle({ reports: [forwarded(1, valid(1)), forwarded(2, '{"reportedAt":'), forwarded(3, valid(3))] });

    expect(outcomes.map((o) => o.outcome)).toEqual(['stored', 'invalid', 'stored']);
    expect(outcomes[1]).toMatchObject({ outcome: 'invalid', refusal: { code: 'invalid_argument', httpStatus: 400, message: 'request body is not valid JSON' } });
    expect(handled.map((r) => [r.clusterId, r.tenantId, r.secretVersion, r.report.reportedAt])).toEqual([
      [forwarded(1, '').clusterId, 7, 1, new Date(1).toISOString()],
      [forwarded(3, '').clusterId, 7, 1, new Date(3).toISOString()],
    ]);
  });
});
