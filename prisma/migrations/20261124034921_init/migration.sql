-- CreateEnum
CREATE TYPE "ClusterKind" AS ENUM ('kubernetes', 'slurm');

-- CreateEnum
CREATE TYPE "ClusterOrigin" AS ENUM ('registered', 'managed');

-- CreateEnum
CREATE TYPE "ClusterPhase" AS ENUM ('Pending', 'Provisioning', 'Ready', 'Updating', 'Deleting', 'Deleted', 'Failed');

-- CreateEnum
CREATE TYPE "ProjectState" AS ENUM ('active', 'deleting');

-- CreateEnum
CREATE TYPE "InstanceState" AS ENUM ('creating', 'starting', 'running', 'stopping', 'stopped', 'deleting', 'out-of-stock', 'error');

-- CreateTable
CREATE TABLE "tenants" (
    "id" INTEGER NOT NULL,
    "slug" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "tenants_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "projects" (
    "id" UUID NOT NULL,
    "tenant_id" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "tags" JSONB NOT NULL DEFAULT '{}',
    "state" "ProjectState" NOT NULL DEFAULT 'active',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deleted_at" TIMESTAMPTZ(3),

    CONSTRAINT "projects_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "clusters" (
    "id" UUID NOT NULL,
    "tenant_id" INTEGER NOT NULL,
    "project_id" UUID,
    "name" TEXT NOT NULL,
    "display_name" TEXT,
    "kind" "ClusterKind" NOT NULL DEFAULT 'kubernetes',
    "origin" "ClusterOrigin" NOT NULL,
    "provider" TEXT NOT NULL DEFAULT 'generic',
    "agent_version" TEXT,
    "kubernetes_version" TEXT,
    "slurm_version" TEXT,
    "domain" TEXT,
    "manifest" JSONB,
    "provider_config" JSONB,
    "pod_cidr" TEXT,
    "service_cidr" TEXT,
    "ca_data" TEXT,
    "phase" "ClusterPhase" NOT NULL DEFAULT 'Pending',
    "phase_reason" TEXT,
    "generation" INTEGER NOT NULL DEFAULT 1,
    "secret_version" INTEGER NOT NULL DEFAULT 1,
    "secret_revoked_at" TIMESTAMPTZ(3),
    "finalizers" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "delete_requested_at" TIMESTAMPTZ(3),
    "delete_mode" TEXT,
    "deleted_at" TIMESTAMPTZ(3),
    "last_liveness" TIMESTAMPTZ(3),
    "last_reported_at" TIMESTAMPTZ(3),
    "reported_status" JSONB,
    "state" TEXT NOT NULL DEFAULT 'WaitingToConnect',
    "state_changed_at" TIMESTAMPTZ(3),
    "uninstall_acked_at" TIMESTAMPTZ(3),
    "created_by" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "clusters_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "node_pools" (
    "id" UUID NOT NULL,
    "cluster_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "instance_type" TEXT NOT NULL,
    "desired_count" INTEGER NOT NULL,
    "version" TEXT,
    "phase" TEXT NOT NULL DEFAULT 'Pending',
    "generation" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deleted_at" TIMESTAMPTZ(3),

    CONSTRAINT "node_pools_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "nodes" (
    "id" UUID NOT NULL,
    "node_pool_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "instance_id" TEXT,
    "state" TEXT NOT NULL DEFAULT 'provisioning',
    "versions" JSONB NOT NULL DEFAULT '{}',
    "public_ip" TEXT,
    "private_ip" TEXT,
    "conditions" JSONB NOT NULL DEFAULT '[]',
    "accelerator" TEXT,
    "labels" JSONB NOT NULL DEFAULT '{}',
    "taints" JSONB NOT NULL DEFAULT '[]',
    "slurm_states" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "partitions" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "reservation" TEXT,
    "reason" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "nodes_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "instances" (
    "id" UUID NOT NULL,
    "tenant_id" INTEGER NOT NULL,
    "project_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "image" TEXT NOT NULL DEFAULT 'image://ubuntu22.04',
    "preemptible" BOOLEAN NOT NULL DEFAULT false,
    "ephemeral" BOOLEAN NOT NULL DEFAULT false,
    "user_data" TEXT,
    "tags" JSONB NOT NULL DEFAULT '{}',
    "ip" TEXT,
    "state" "InstanceState" NOT NULL DEFAULT 'creating',
    "generation" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deleted_at" TIMESTAMPTZ(3),

    CONSTRAINT "instances_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "filesystems" (
    "id" UUID NOT NULL,
    "tenant_id" INTEGER NOT NULL,
    "project_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "size" TEXT NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'creating',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deleted_at" TIMESTAMPTZ(3),

    CONSTRAINT "filesystems_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "instance_filesystems" (
    "instance_id" UUID NOT NULL,
    "filesystem_id" UUID NOT NULL,

    CONSTRAINT "instance_filesystems_pkey" PRIMARY KEY ("instance_id","filesystem_id")
);

-- CreateTable
CREATE TABLE "slurm_users" (
    "cluster_id" UUID NOT NULL,
    "username" TEXT NOT NULL,
    "ssh_keys" TEXT[],
    "sudo" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "slurm_users_pkey" PRIMARY KEY ("cluster_id","username")
);

-- CreateTable
CREATE TABLE "collaborators" (
    "cluster_id" UUID NOT NULL,
    "subject" TEXT NOT NULL,
    "role_id" TEXT NOT NULL,

    CONSTRAINT "collaborators_pkey" PRIMARY KEY ("cluster_id","subject")
);

-- CreateTable
CREATE TABLE "metric_samples" (
    "cluster_id" UUID NOT NULL,
    "time" TIMESTAMPTZ(3) NOT NULL,
    "metric_type" TEXT NOT NULL,
    "node_pool" TEXT NOT NULL DEFAULT '',
    "value" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "metric_samples_pkey" PRIMARY KEY ("cluster_id","metric_type","node_pool","time")
);

-- CreateTable
CREATE TABLE "outbox_events" (
    "id" UUID NOT NULL,
    "seq" BIGSERIAL NOT NULL,
    "type" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "tenant_id" INTEGER NOT NULL,
    "resource_id" TEXT NOT NULL,
    "data" JSONB NOT NULL,
    "correlation_id" TEXT,
    "occurred_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "published_at" TIMESTAMPTZ(3),
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "last_error" TEXT,

    CONSTRAINT "outbox_events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "orphaned_resources" (
    "id" UUID NOT NULL,
    "tenant_id" INTEGER NOT NULL,
    "cluster_id" UUID,
    "kind" TEXT NOT NULL,
    "external_id" TEXT NOT NULL,
    "provider" TEXT NOT NULL,
    "idempotency_key" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "last_error" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "collected_at" TIMESTAMPTZ(3),

    CONSTRAINT "orphaned_resources_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "resource_steps" (
    "resource_id" UUID NOT NULL,
    "step" TEXT NOT NULL,
    "generation" INTEGER NOT NULL,
    "completed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "detail" JSONB,

    CONSTRAINT "resource_steps_pkey" PRIMARY KEY ("resource_id","step","generation")
);

-- CreateTable
CREATE TABLE "provider_effects" (
    "idempotency_key" TEXT NOT NULL,
    "provider" TEXT NOT NULL,
    "operation" TEXT NOT NULL,
    "resource_type" TEXT NOT NULL,
    "resource_id" TEXT NOT NULL,
    "external_id" TEXT NOT NULL,
    "request_count" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_request_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "provider_effects_pkey" PRIMARY KEY ("idempotency_key")
);

-- CreateIndex
CREATE UNIQUE INDEX "tenants_slug_key" ON "tenants"("slug");

-- CreateIndex
CREATE INDEX "projects_tenant_id_created_at_id_idx" ON "projects"("tenant_id", "created_at", "id");

-- CreateIndex
CREATE INDEX "clusters_tenant_id_created_at_id_idx" ON "clusters"("tenant_id", "created_at", "id");

-- CreateIndex
CREATE INDEX "clusters_tenant_id_name_idx" ON "clusters"("tenant_id", "name");

-- CreateIndex
CREATE INDEX "clusters_project_id_created_at_id_idx" ON "clusters"("project_id", "created_at", "id");

-- CreateIndex
CREATE INDEX "clusters_phase_updated_at_idx" ON "clusters"("phase", "updated_at");

-- CreateIndex
CREATE INDEX "clusters_state_last_liveness_idx" ON "clusters"("state", "last_liveness");

-- CreateIndex
CREATE INDEX "node_pools_cluster_id_created_at_id_idx" ON "node_pools"("cluster_id", "created_at", "id");

-- CreateIndex
CREATE UNIQUE INDEX "node_pools_cluster_id_name_key" ON "node_pools"("cluster_id", "name");

-- CreateIndex
CREATE UNIQUE INDEX "nodes_node_pool_id_name_key" ON "nodes"("node_pool_id", "name");

-- CreateIndex
CREATE INDEX "instances_project_id_created_at_id_idx" ON "instances"("project_id", "created_at", "id");

-- CreateIndex
CREATE INDEX "filesystems_project_id_created_at_id_idx" ON "filesystems"("project_id", "created_at", "id");

-- CreateIndex
CREATE INDEX "instance_filesystems_filesystem_id_idx" ON "instance_filesystems"("filesystem_id");

-- CreateIndex
CREATE INDEX "metric_samples_time_idx" ON "metric_samples"("time");

-- CreateIndex
CREATE UNIQUE INDEX "outbox_events_seq_key" ON "outbox_events"("seq");

-- CreateIndex
CREATE INDEX "outbox_events_published_at_seq_idx" ON "outbox_events"("published_at", "seq");

-- CreateIndex
CREATE INDEX "outbox_events_resource_id_seq_idx" ON "outbox_events"("resource_id", "seq");

-- CreateIndex
CREATE UNIQUE INDEX "orphaned_resources_idempotency_key_key" ON "orphaned_resources"("idempotency_key");

-- CreateIndex
CREATE INDEX "orphaned_resources_collected_at_created_at_idx" ON "orphaned_resources"("collected_at", "created_at");

-- CreateIndex
CREATE INDEX "orphaned_resources_cluster_id_idx" ON "orphaned_resources"("cluster_id");

-- CreateIndex
CREATE INDEX "provider_effects_resource_id_idx" ON "provider_effects"("resource_id");

-- AddForeignKey
ALTER TABLE "clusters" ADD CONSTRAINT "clusters_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "node_pools" ADD CONSTRAINT "node_pools_cluster_id_fkey" FOREIGN KEY ("cluster_id") REFERENCES "clusters"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "nodes" ADD CONSTRAINT "nodes_node_pool_id_fkey" FOREIGN KEY ("node_pool_id") REFERENCES "node_pools"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "instances" ADD CONSTRAINT "instances_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "filesystems" ADD CONSTRAINT "filesystems_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "instance_filesystems" ADD CONSTRAINT "instance_filesystems_instance_id_fkey" FOREIGN KEY ("instance_id") REFERENCES "instances"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "instance_filesystems" ADD CONSTRAINT "instance_filesystems_filesystem_id_fkey" FOREIGN KEY ("filesystem_id") REFERENCES "filesystems"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "slurm_users" ADD CONSTRAINT "slurm_users_cluster_id_fkey" FOREIGN KEY ("cluster_id") REFERENCES "clusters"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "collaborators" ADD CONSTRAINT "collaborators_cluster_id_fkey" FOREIGN KEY ("cluster_id") REFERENCES "clusters"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
