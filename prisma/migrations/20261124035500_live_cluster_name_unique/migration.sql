-- Hand-written: Prisma's schema language cannot express partial indexes, so these
-- are listed in HAND_WRITTEN_INDEXES (scripts/lib/migrate.mjs) and the drift check
-- tolerates them.

-- A cluster name is unique per tenant among live (not soft-deleted) clusters, so a
-- deleted cluster's name can be reused immediately.
CREATE UNIQUE INDEX clusters_tenant_live_name_key ON clusters (tenant_id, name) WHERE deleted_at IS NULL;

-- The outbox relay scans unpublished events in sequence order; published rows
-- (the vast majority) stay out of this index.
CREATE INDEX outbox_events_unpublished_idx ON outbox_events (seq) WHERE published_at IS NULL;
