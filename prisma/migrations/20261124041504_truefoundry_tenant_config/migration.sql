-- DropIndex
DROP INDEX "node_pools_cluster_id_name_key";

-- AlterTable
ALTER TABLE "filesystems" ADD COLUMN     "external_id" TEXT;

-- AlterTable
ALTER TABLE "instances" ADD COLUMN     "external_id" TEXT;

-- AlterTable
ALTER TABLE "nodes" ADD COLUMN     "role" TEXT NOT NULL DEFAULT 'worker';

-- CreateTable
CREATE TABLE "environments" (
    "tenant_id" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "environments_pkey" PRIMARY KEY ("tenant_id","name")
);

-- CreateTable
CREATE TABLE "container_registries" (
    "tenant_id" INTEGER NOT NULL,
    "fqn" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "container_registries_pkey" PRIMARY KEY ("tenant_id","fqn")
);

-- CreateTable
CREATE TABLE "cluster_integrations" (
    "tenant_id" INTEGER NOT NULL,
    "fqn" TEXT NOT NULL,
    "provider" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "cluster_integrations_pkey" PRIMARY KEY ("tenant_id","fqn")
);

-- CreateIndex
CREATE INDEX "node_pools_cluster_id_name_idx" ON "node_pools"("cluster_id", "name");
