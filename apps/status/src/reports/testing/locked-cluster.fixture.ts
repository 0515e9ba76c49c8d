import type { LockedCluster } from '../plan-batch';

/** A registered cluster's row that has never reported, as a batch locks it; `extra` overrides. */
export const lockedCluster = (id: string, extra: Partial<LockedCluster> = {}): LockedCluster => ({
  id,
  tenant_id: 7,
  secret_version: 1,
  secret_revoked_at: null,
  deleted_at: null,
  delete_requested_at: null,
  uninstall_acked_at: null,
  last_reported_at: null,
  last_liveness: null,
  liveness_checkpoint: null,
  reported_status: null,
  state: 'WaitingToConnect',
  ...extra,
});
