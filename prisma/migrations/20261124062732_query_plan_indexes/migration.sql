-- DropIndex
DROP INDEX "clusters_state_last_liveness_idx";

-- CreateIndex
CREATE INDEX "filesystems_state_updated_at_idx" ON "filesystems"("state", "updated_at");

-- CreateIndex
CREATE INDEX "instances_state_updated_at_idx" ON "instances"("state", "updated_at");

-- CreateIndex
CREATE INDEX "node_pools_phase_updated_at_idx" ON "node_pools"("phase", "updated_at");

-- Hand-written partial indexes (listed in HAND_WRITTEN_INDEXES, scripts/lib/migrate.mjs),
-- each for a query that otherwise reads the whole table (libs/persistence/src/query-plans).

-- Run:ai `filterBy=name>=…` / `name<=…` compare in byte order (COLLATE "C").
CREATE INDEX clusters_tenant_live_name_c_idx ON clusters (tenant_id, name COLLATE "C") WHERE deleted_at IS NULL;

-- The deletion reconciler's clusters whose delete was requested but not finished: a handful.
CREATE INDEX clusters_pending_delete_idx ON clusters (delete_requested_at) WHERE deleted_at IS NULL AND delete_requested_at IS NOT NULL;

-- The liveness sweep's candidates, oldest report first; replaces (state, last_liveness), which
-- its `state NOT IN (…)` could not use.
CREATE INDEX clusters_reporting_liveness_idx ON clusters (last_liveness) WHERE deleted_at IS NULL AND state NOT IN ('WaitingToConnect', 'Disconnected');

-- The node-pool reconciler's pools that have not settled (`phase NOT IN (…)`): few at any time.
CREATE INDEX node_pools_unsettled_idx ON node_pools (updated_at) WHERE deleted_at IS NULL AND phase NOT IN ('Ready', 'Failed', 'Deleting');
