import type { ClusterWrite } from './plan-batch';
import { lockedCluster } from './testing/locked-cluster.fixture';
import { WrittenClusters } from './written-clusters';

const row = (id: string) => lockedCluster(id);
const at = new Date('2026-11-24T12:00:00Z');
const write = (id: string): ClusterWrite => ({
  id,
  applied: { statusChanged: true, lastLiveness: at, lastReportedAt: at, reportedStatus: { conditions: [] }, state: 'Connected' },
  agentVersion: '2.24',
  uninstallAckedAt: null,
  livenessCheckpoint: at,
  reportedStatusStored: false,
});

describe('WrittenClusters', () => {
  it('gives back the row as the write left it, only at the version that write made', () => {
    const written = new WrittenClusters(10, 60_000);
    written.remember(row('a'), write('a'), '101', 0);
    expect(written.rowAt('a', '101', 1)).toEqual({ ...row('a'), last_liveness: at, last_reported_at: at, liveness_checkpoint: at, reported_status: { conditions: [] }, state: 'Connected' });
    expect(written.rowAt('a', '102', 1)).toBeUndefined();
    expect(written.rowAt('b', '101', 1)).toBeUndefined();
  });

  it('does not trust an entry older than its maximum age', () => {
    const written = new WrittenClusters(10, 1_000);
    written.remember(row('a'), write('a'), '101', 0);
    expect(written.rowAt('a', '101', 1_000)).toBeDefined();
    expect(written.rowAt('a', '101', 1_001)).toBeUndefined();
  });

  it('makes room by dropping the entry written longest ago, and forgets on request', () => {
    const written = new WrittenClusters(2, 60_000);
    written.remember(row('a'), write('a'), '1', 0);
    written.remember(row('b'), write('b'), '2', 0);
    written.remember(row('a'), write('a'), '3', 0); // rewritten: now the newest
    written.remember(row('c'), write('c'), '4', 0);
    expect([written.rowAt('a', '3', 0), written.rowAt('b', '2', 0), written.rowAt('c', '4', 0)].map(Boolean)).toEqual([true, false, true]);
    written.forget('a');
    expect(written.rowAt('a', '3', 0)).toBeUndefined();
    expect(written.size).toBe(1);
  });
});
