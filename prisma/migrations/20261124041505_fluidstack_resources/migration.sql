-- Fluidstack resources: provider ids of instances and filesystems, login nodes of Slurm pools,
-- and node pool names unique among live pools only.
--
-- Written to be idempotent: the same columns also appear in 20261124041504 (generated while
-- this schema change was in the working tree), and applying both must give one result.

-- AlterTable
ALTER TABLE "filesystems" ADD COLUMN IF NOT EXISTS "external_id" TEXT;

-- AlterTable
ALTER TABLE "instances" ADD COLUMN IF NOT EXISTS "external_id" TEXT;

-- AlterTable
ALTER TABLE "nodes" ADD COLUMN IF NOT EXISTS "role" TEXT NOT NULL DEFAULT 'worker';

-- Hand-written (listed in HAND_WRITTEN_INDEXES, scripts/lib/migrate.mjs): a deleted pool's name
-- can be reused at once, like a deleted cluster's.
DROP INDEX IF EXISTS "node_pools_cluster_id_name_key";
DROP INDEX IF EXISTS "node_pools_cluster_id_name_idx";
CREATE UNIQUE INDEX "node_pools_cluster_live_name_key" ON "node_pools" ("cluster_id", "name") WHERE "deleted_at" IS NULL;
