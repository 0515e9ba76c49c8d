import type { ClusterWrite, LockedCluster } from './plan-batch';

interface WrittenCluster {
  row: LockedCluster;
  /** The row version (`xmin`) this service's write made. */
  version: string;
  writtenAt: number;
}

/**
 * The cluster rows this service wrote last, each with the row version its write made. A batch
 * locks its rows and gets their versions (STATUS_BATCH_LOCK_CLUSTERS); a row still at the
 * version remembered here is exactly the row remembered, so a heartbeat is planned on it
 * without reading it back. A row anyone else changed since (a delete, a secret rotation, the
 * liveness sweep, another replica) has another version and is read in full: a stale entry
 * costs a read, never a wrong write.
 *
 * Bounded: past `capacity` the entry written longest ago makes room, and entries older than
 * `maxAgeMs` are not trusted, so a version number can never come round again to match.
 */
export class WrittenClusters {
  private readonly entries = new Map<string, WrittenCluster>();

  constructor(
    private readonly capacity: number,
    private readonly maxAgeMs: number,
  ) {}

  /** The remembered row of `clusterId` if the stored row is still at `version`, which this service wrote. */
  rowAt(clusterId: string, version: string, now = Date.now()): LockedCluster | undefined {
    const entry = this.entries.get(clusterId);
    return entry && entry.version === version && now - entry.writtenAt <= this.maxAgeMs ? entry.row : undefined;
  }

  /** After the commit: the row `write` made of `before`, now at `version`. */
  remember(before: LockedCluster, write: ClusterWrite, version: string, now = Date.now()): void {
    this.entries.delete(write.id);
    if (this.entries.size >= this.capacity) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(write.id, { row: rowAfter(before, write), version, writtenAt: now });
  }

  forget(clusterId: string): void {
    this.entries.delete(clusterId);
  }

  get size(): number {
    return this.entries.size;
  }
}

/** The locked row as STATUS_BATCH_UPDATE_CLUSTERS leaves it after `write`. */
function rowAfter(before: LockedCluster, { applied, uninstallAckedAt, livenessCheckpoint }: ClusterWrite): LockedCluster {
  return {
    ...before,
    last_liveness: applied.lastLiveness,
    last_reported_at: applied.lastReportedAt,
    reported_status: applied.reportedStatus,
    state: applied.state,
    uninstall_acked_at: uninstallAckedAt,
    liveness_checkpoint: livenessCheckpoint,
  };
}
