/**
 * How far a cluster's liveness checkpoint may trail its last report: three quarters of the
 * liveness timeout (45 s of the default 60 s). Agents reporting every 10 s then move it on one
 * report in four or five.
 */
export const livenessCheckpointSlackMs = (livenessTimeoutMs: number): number => Math.floor((livenessTimeoutMs * 3) / 4);

/**
 * The liveness checkpoint a cluster keeps after a report that leaves its liveness at
 * `lastLiveness`: the current one while it trails by no more than the slack, else
 * `lastLiveness`.
 *
 * Why a checkpoint: the liveness sweep finds stale clusters through an index, and an index on
 * `last_liveness`, which every heartbeat moves, turned every heartbeat into an update that
 * writes a new entry into each of the clusters table's indexes. The checkpoint is indexed
 * instead; a heartbeat that leaves it alone changes no indexed column, so Postgres updates the
 * row in place (a HOT update).
 *
 * The sweep stays exact because the checkpoint never runs ahead of `last_liveness`: a stale
 * cluster's checkpoint is older than the cutoff too. A checkpoint older than the cutoff on a
 * cluster that reported since is a candidate the sweep reads and passes over; it only happens
 * to a cluster silent for longer than the timeout minus the slack.
 */
export function nextLivenessCheckpoint(current: Date | null, lastLiveness: Date, livenessTimeoutMs: number): Date {
  if (current === null || current > lastLiveness) return lastLiveness;
  return lastLiveness.getTime() - current.getTime() > livenessCheckpointSlackMs(livenessTimeoutMs) ? lastLiveness : current;
}
