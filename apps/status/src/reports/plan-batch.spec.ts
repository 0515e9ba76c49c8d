import { agentReportSchema, type AgentReport } from '@clusterplane/contracts';
import type { IncomingReport } from './pending-report';
import { planBatch, type LockedCluster } from './plan-batch';
import { lockedCluster } from './testing/locked-cluster.fixture';

const TIMEOUT = 60_000;
const A = '00000000-0000-4000-8000-00000000000a';
const B = '00000000-0000-4000-8000-00000000000b';
const at = (iso: string) => new Date(iso);

const cluster = lockedCluster;

const report = (reportedAt: string, extra: Partial<Record<keyof AgentReport, unknown>> = {}): AgentReport =>
  agentReportSchema.parse({ reportedAt, version: '2.24', ...extra });

const incoming = (clusterId: string, reportedAt: string, extra: Partial<IncomingReport> & { body?: Partial<Record<keyof AgentReport, unknown>> } = {}): IncomingReport => ({
  clusterId,
  tenantId: 7,
  secretVersion: 1,
  receivedAt: at(reportedAt),
  report: report(reportedAt, extra.body),
  ...(extra.secretVersion !== undefined || 'secretVersion' in extra ? { secretVersion: extra.secretVersion } : {}),
});

const plan = (batch: IncomingReport[], rows: LockedCluster[]) => planBatch(batch, new Map(rows.map((r) => [r.id, r])), TIMEOUT);

describe('planBatch', () => {
  it('stores a first report, writes one row and announces WaitingToConnect → Connected', () => {
    const result = plan([incoming(A, '2025-03-01T12:00:00Z')], [cluster(A)]);
    expect(result.outcomes).toEqual([{ outcome: 'stored', commands: [] }]);
    expect(result.writes).toHaveLength(1);
    expect(result.writes[0]).toMatchObject({ id: A, agentVersion: '2.24', uninstallAckedAt: null, applied: { state: 'Connected' } });
    expect(result.transitions).toEqual([
      { type: 'cluster.status-changed', tenantId: 7, resourceType: 'cluster', resourceId: A, data: { from: 'WaitingToConnect', to: 'Connected', at: '2025-03-01T12:00:00.000Z' } },
    ]);
  });

  it('announces nothing for a heartbeat that keeps the state', () => {
    const connected = cluster(A, { state: 'Connected', last_reported_at: at('2025-03-01T12:00:00Z'), last_liveness: at('2025-03-01T12:00:00Z'), reported_status: { conditions: [] } });
    expect(plan([incoming(A, '2025-03-01T12:00:10Z')], [connected]).transitions).toEqual([]);
  });

  it('applies several reports of one cluster in order: one write, one transition from the stored state', () => {
    const broken = { dependencies: { required: { gpu: { available: false } } } };
    const result = plan([incoming(A, '2025-03-01T12:00:00Z'), incoming(A, '2025-03-01T12:00:01Z', { body: broken })], [cluster(A)]);
    expect(result.writes).toHaveLength(1);
    expect(result.writes[0]!.applied).toMatchObject({ state: 'MissingPrerequisites', lastReportedAt: at('2025-03-01T12:00:01Z') });
    expect(result.transitions.map((t) => t.data)).toEqual([{ from: 'WaitingToConnect', to: 'MissingPrerequisites', at: '2025-03-01T12:00:01.000Z' }]);
  });

  it('keeps the newest status when an older report follows in the same batch, and the newer version', () => {
    const result = plan(
      [incoming(A, '2025-03-01T12:00:10Z', { body: { version: '2.25' } }), incoming(A, '2025-03-01T12:00:05Z', { body: { version: '2.23', dependencies: { required: { gpu: { available: false } } } } })],
      [cluster(A)],
    );
    expect(result.writes[0]).toMatchObject({ agentVersion: '2.25', applied: { state: 'Connected', lastReportedAt: at('2025-03-01T12:00:10Z') } });
  });

  it('refuses a report for a deleted or unknown cluster and writes nothing for it', () => {
    const result = plan([incoming(A, '2025-03-01T12:00:00Z'), incoming(B, '2025-03-01T12:00:00Z')], [cluster(A, { deleted_at: at('2025-03-01T11:00:00Z') })]);
    expect(result.outcomes).toEqual([{ outcome: 'deleted', commands: [] }, { outcome: 'deleted', commands: [] }]);
    expect(result).toMatchObject({ writes: [], samples: [], transitions: [] });
  });

  it.each([
    ['a revoked secret', { secret_revoked_at: at('2025-03-01T11:00:00Z') }, 1],
    ['a rotated secret', { secret_version: 2 }, 1],
  ])('refuses a report authenticated with %s', (_label, row, secretVersion) => {
    const result = plan([incoming(A, '2025-03-01T12:00:00Z', { secretVersion })], [cluster(A, row)]);
    expect(result.outcomes).toEqual([{ outcome: 'revoked', commands: [] }]);
    expect(result.writes).toEqual([]);
  });

  it('trusts a report made inside the product (no secret version)', () => {
    const result = plan([incoming(A, '2025-03-01T12:00:00Z', { secretVersion: undefined })], [cluster(A, { secret_version: 5 })]);
    expect(result.outcomes[0]!.outcome).toBe('stored');
  });

  it('hands out uninstall while a delete waits, and stops once the agent acknowledged it', () => {
    const deleting = cluster(A, { delete_requested_at: at('2025-03-01T11:59:00Z') });
    const asked = plan([incoming(A, '2025-03-01T12:00:00Z')], [deleting]);
    expect(asked.outcomes[0]!.commands).toEqual([{ command: 'uninstall', id: `uninstall-${A}` }]);
    expect(asked.writes[0]!.uninstallAckedAt).toBeNull();
    expect(asked.uninstallsAcknowledged).toEqual([]);

    const acked = plan([incoming(A, '2025-03-01T12:00:01Z', { body: { acks: [{ command: 'uninstall', id: `uninstall-${A}` }] } })], [deleting]);
    expect(acked.outcomes[0]!.commands).toEqual([]);
    expect(acked.writes[0]!.uninstallAckedAt).toEqual(at('2025-03-01T12:00:01Z'));
    // The waiting delete is woken for a new acknowledgement only.
    expect(acked.uninstallsAcknowledged).toEqual([A]);
  });

  it('ignores an uninstall acknowledgement when no delete waits for it, and keeps the first one', () => {
    const ack = { acks: [{ command: 'uninstall', id: 'x' }] };
    expect(plan([incoming(A, '2025-03-01T12:00:00Z', { body: ack })], [cluster(A)]).writes[0]!.uninstallAckedAt).toBeNull();
    const first = at('2025-03-01T11:59:30Z');
    const again = plan([incoming(A, '2025-03-01T12:00:00Z', { body: ack })], [cluster(A, { delete_requested_at: at('2025-03-01T11:59:00Z'), uninstall_acked_at: first })]);
    expect(again.writes[0]!.uninstallAckedAt).toBe(first);
    expect(again.uninstallsAcknowledged).toEqual([]);
  });

  it("passes each stored report's metrics on with the cluster and the report time, and nothing for a refused report", () => {
    const metrics = [
      { type: 'TOTAL_GPU', nodePool: 'h100', value: 16 },
      { type: 'GPU_UTILIZATION', value: 41.5, timestamp: '2025-03-01T11:59:59Z' },
    ];
    const result = plan(
      [
        incoming(A, '2025-03-01T12:00:00Z', { body: { metrics } }),
        incoming(B, '2025-03-01T12:00:00Z', { body: { metrics } }),
        incoming(A, '2025-03-01T12:00:01Z', { body: { metrics: [] } }),
      ],
      [cluster(A), cluster(B, { deleted_at: at('2025-03-01T11:00:00Z') })],
    );
    expect(result.samples).toEqual([{ clusterId: A, time: '2025-03-01T12:00:00Z', metrics }]);
  });

  it('reconnects a swept cluster: Disconnected → Connected even for a duplicate report', () => {
    const swept = cluster(A, { state: 'Disconnected', last_reported_at: at('2025-03-01T12:00:00Z'), last_liveness: at('2025-03-01T12:00:00Z'), reported_status: { conditions: [] } });
    const result = plan([{ ...incoming(A, '2025-03-01T12:00:00Z'), receivedAt: at('2025-03-01T12:05:00Z') }], [swept]);
    expect(result.transitions.map((t) => t.data)).toEqual([{ from: 'Disconnected', to: 'Connected', at: '2025-03-01T12:05:00.000Z' }]);
    expect(result.writes[0]!.applied.lastReportedAt).toEqual(at('2025-03-01T12:00:00Z'));
  });

  it('leaves out of the write a status the row already stores (in any key order), and carries one that differs', () => {
    const first = plan([incoming(A, '2025-03-01T12:00:00Z')], [cluster(A)]).writes[0]!;
    expect(first.reportedStatusStored).toBe(false);
    // Postgres gives jsonb keys back in its own order.
    const reordered = JSON.parse(JSON.stringify(first.applied.reportedStatus, (_key, value: unknown) =>
      value && typeof value === 'object' && !Array.isArray(value) ? Object.fromEntries(Object.entries(value).reverse()) : value));
    const stored = cluster(A, { state: 'Connected', last_reported_at: at('2025-03-01T12:00:00Z'), last_liveness: at('2025-03-01T12:00:00Z'), reported_status: reordered });

    expect(plan([incoming(A, '2025-03-01T12:00:10Z')], [stored]).writes[0]!.reportedStatusStored).toBe(true);
    expect(plan([incoming(A, '2025-03-01T11:59:50Z')], [stored]).writes[0]!.reportedStatusStored).toBe(true); // older: status kept
    const changed = plan([incoming(A, '2025-03-01T12:00:10Z', { body: { operands: { scheduler: { ready: false } } } })], [stored]).writes[0]!;
    expect(changed.reportedStatusStored).toBe(false);
    expect(changed.applied.reportedStatus).toMatchObject({ operands: { scheduler: { ready: false } } });
  });

  it('keeps the liveness checkpoint through heartbeats and moves it once it trails the liveness by the slack', () => {
    const checkpoint = at('2025-03-01T12:00:00Z');
    const connected = cluster(A, { state: 'Connected', last_reported_at: checkpoint, last_liveness: checkpoint, liveness_checkpoint: checkpoint, reported_status: { conditions: [] } });
    expect(plan([incoming(A, '2025-03-01T12:00:10Z')], [connected]).writes[0]!.livenessCheckpoint).toBe(checkpoint);
    // The slack is 45 s of the 60 s timeout: a report 46 s on moves it.
    expect(plan([incoming(A, '2025-03-01T12:00:46Z')], [connected]).writes[0]!.livenessCheckpoint).toEqual(at('2025-03-01T12:00:46Z'));
    // A first report sets it, to the liveness the batch leaves.
    expect(plan([incoming(A, '2025-03-01T12:00:00Z'), incoming(A, '2025-03-01T12:00:01Z')], [cluster(A)]).writes[0]!.livenessCheckpoint).toEqual(at('2025-03-01T12:00:01Z'));
  });
});
