-- AlterTable
ALTER TABLE "clusters" ADD COLUMN     "agent_installed_at" TIMESTAMPTZ(3),
ADD COLUMN     "endpoint" TEXT,
ADD COLUMN     "tags" JSONB NOT NULL DEFAULT '{}';

-- AlterTable
ALTER TABLE "node_pools" ADD COLUMN     "login_nodes" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "nodes" ADD COLUMN     "ordinal" INTEGER NOT NULL DEFAULT 0;
