import { agentReportSchema, type AgentReport } from '@clusterplane/contracts';
import { applyReport, type StoredClusterStatus } from './apply-report';

const TIMEOUT = 60_000;
const at = (iso: string) => new Date(iso);

const report = (reportedAt: string, extra: Partial<Record<keyof AgentReport, unknown>> = {}): AgentReport =>
  agentReportSchema.parse({ reportedAt, version: '2.24', ...extra });

const neverReported: StoredClusterStatus = { lastReportedAt: null, lastLiveness: null, reportedStatus: null, state: 'WaitingToConnect' };

describe('applyReport', () => {
  it('stores the first report and its liveness', () => {
    const applied = applyReport(neverReported, report('2025-03-01T12:00:00Z'), at('2025-03-01T12:00:01Z'), TIMEOUT);
    expect(applied).toEqual({
      statusChanged: true,
      lastLiveness: at('2025-03-01T12:00:01Z'),
      lastReportedAt: at('2025-03-01T12:00:00Z'),
      reportedStatus: { conditions: [], operands: {}, platform: null, config: null, dependencies: { required: {}, optional: {} } },
      state: 'Connected',
    });
  });

  it('replaces the status with a newer report', () => {
    const first = applyReport(neverReported, report('2025-03-01T12:00:00Z', { platform: { type: 'eks' } }), at('2025-03-01T12:00:01Z'), TIMEOUT);
    const second = applyReport(
      first,
      report('2025-03-01T12:00:10Z', { operands: { scheduler: { ready: true } } }),
      at('2025-03-01T12:00:11Z'),
      TIMEOUT,
    );
    expect(second.statusChanged).toBe(true);
    expect(second.lastReportedAt).toEqual(at('2025-03-01T12:00:10Z'));
    expect(second.lastLiveness).toEqual(at('2025-03-01T12:00:11Z'));
    expect(second.reportedStatus).toMatchObject({ operands: { scheduler: { ready: true } }, platform: null });
  });

  describe('an older or duplicate report', () => {
    const stored: StoredClusterStatus = {
      lastReportedAt: at('2025-03-01T12:00:10Z'),
      lastLiveness: at('2025-03-01T12:00:11Z'),
      reportedStatus: { conditions: [], operands: {}, dependencies: { required: { gpuOperator: { available: true } } } },
      state: 'Connected',
    };
    const broken = { dependencies: { required: { gpuOperator: { available: false } } } };

    it.each(['2025-03-01T12:00:05Z', '2025-03-01T12:00:10Z'])('(reportedAt %s) keeps the stored status and lastReportedAt', (reportedAt) => {
      const applied = applyReport(stored, report(reportedAt, broken), at('2025-03-01T12:00:20Z'), TIMEOUT);
      expect(applied.statusChanged).toBe(false);
      expect(applied.lastReportedAt).toEqual(stored.lastReportedAt);
      expect(applied.reportedStatus).toBe(stored.reportedStatus);
      expect(applied.state).toBe('Connected');
    });

    it('still moves liveness forward to when it was received', () => {
      const applied = applyReport(stored, report('2025-03-01T12:00:05Z'), at('2025-03-01T12:00:20Z'), TIMEOUT);
      expect(applied.lastLiveness).toEqual(at('2025-03-01T12:00:20Z'));
    });

    it('re-derives the state with the new liveness (a stale cluster reconnects)', () => {
      const stale = { ...stored, state: 'Disconnected' as const };
      const applied = applyReport(stale, report('2025-03-01T12:00:05Z'), at('2025-03-01T13:00:00Z'), TIMEOUT);
      expect(applied.state).toBe('Connected');
    });
  });

  it('never moves liveness backwards when receivedAt is behind the stored liveness', () => {
    const stored: StoredClusterStatus = { ...neverReported, lastReportedAt: at('2025-03-01T12:00:00Z'), lastLiveness: at('2025-03-01T12:00:30Z') };
    const newer = applyReport(stored, report('2025-03-01T12:00:10Z'), at('2025-03-01T12:00:20Z'), TIMEOUT);
    expect(newer.lastLiveness).toEqual(at('2025-03-01T12:00:30Z'));
    expect(newer.statusChanged).toBe(true);
    const older = applyReport(stored, report('2025-03-01T11:59:00Z'), at('2025-03-01T12:00:20Z'), TIMEOUT);
    expect(older.lastLiveness).toEqual(at('2025-03-01T12:00:30Z'));
  });

  it('merges conditions across reports with Kubernetes semantics', () => {
    const available = (status: string, reason: string) => ({ conditions: [{ type: 'Available', status, reason }] });
    const first = applyReport(neverReported, report('2025-03-01T12:00:00Z', available('True', 'AllReady')), at('2025-03-01T12:00:01Z'), TIMEOUT);
    const second = applyReport(first, report('2025-03-01T12:00:10Z', available('True', 'StillReady')), at('2025-03-01T12:00:11Z'), TIMEOUT);
    expect(second.reportedStatus?.['conditions']).toEqual([
      { type: 'Available', status: 'True', reason: 'StillReady', message: '', lastTransitionTime: '2025-03-01T12:00:01.000Z' },
    ]);
    const third = applyReport(second, report('2025-03-01T12:00:20Z', available('False', 'SchedulerDown')), at('2025-03-01T12:00:21Z'), TIMEOUT);
    expect(third.reportedStatus?.['conditions']).toEqual([
      { type: 'Available', status: 'False', reason: 'SchedulerDown', message: '', lastTransitionTime: '2025-03-01T12:00:21.000Z' },
    ]);
    expect(third.state).toBe('ServiceIssues');
  });

  it('derives MissingPrerequisites when a required dependency is missing', () => {
    const applied = applyReport(
      neverReported,
      report('2025-03-01T12:00:00Z', { dependencies: { required: { gpuOperator: { available: false, reason: 'not installed' } } } }),
      at('2025-03-01T12:00:01Z'),
      TIMEOUT,
    );
    expect(applied.state).toBe('MissingPrerequisites');
  });
});
