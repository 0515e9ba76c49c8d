// Every query the API and its background jobs send, EXPLAINed against a seeded fleet: none may
// read a big table whole. The reads are the repositories' own (their SQL recorded as it reaches
// Postgres); the background jobs' queries, which live in the apps, are issued here with the same
// Prisma arguments, next to a comment naming the job. docs/query-plans.md lists the plans.
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { Client } from 'pg';
import { parseClusterFilter, type ClusterFilterTerm } from '@clusterplane/domain';
import { HealthRegistry, type BaseConfig } from '@clusterplane/platform';
import { insertClusterWithEvent } from '../clusters/cluster-insert';
import { STATUS_BATCH_INSERT_SAMPLES, STATUS_BATCH_LOCK_CLUSTERS, STATUS_BATCH_READ_CLUSTERS, STATUS_BATCH_UPDATE_CLUSTERS } from '../clusters/status-batch.statements';
import { ClusterListingRepository } from '../clusters/cluster-listing.repository';
import { ClusterReadRepository } from '../clusters/cluster-read.repository';
import { ClusterSearchRepository } from '../clusters/cluster-search.repository';
import { FilesystemReadRepository } from '../filesystems/filesystem-read.repository';
import { InstanceReadRepository } from '../instances/instance-read.repository';
import { ClusterMetricsReadRepository } from '../metrics/cluster-metrics-read.repository';
import { NodePoolReadRepository } from '../node-pools/node-pool-read.repository';
import { appendOutboxEvent } from '../outbox/outbox-writer';
import { withPoolTransaction } from '../pool-transaction';
import { PrismaService } from '../prisma.service';
import { ProjectClusterReadRepository } from '../projects/project-cluster-read.repository';
import { ProjectReadRepository } from '../projects/project-read.repository';
import { lockLiveProject, lockProjectCluster } from '../projects/project-scope';
import { SlurmUserReadRepository } from '../slurm/slurm-user-read.repository';
import { isStepDone, markStepDone } from '../steps/step-checkpoints';
import { TenantConfigReadRepository } from '../tenants/tenant-config-read.repository';
import { createPrivateDatabase, type PrivateDatabase } from '../test-support/private-database';
import { PLAN_FLEET, seedPlanFleet } from './test-support/plan-fleet';
import { explain, planShape, QueryRecorder, seqScannedTables } from './test-support/plan-inspector';

/** Tables that grow with the fleet: reading one whole is a bug at 100 000 clusters. */
const BIG_TABLES = ['clusters', 'node_pools', 'nodes', 'instances', 'filesystems', 'instance_filesystems', 'metric_samples', 'outbox_events', 'orphaned_resources', 'resource_steps', 'slurm_users', 'provider_effects', 'projects'];
const HOUR = 3600_000;

const terms = (...raw: string[]): ClusterFilterTerm[] => {
  const parsed = parseClusterFilter(raw);
  if ('problem' in parsed) throw new Error(parsed.problem.message);
  return parsed.terms;
};

interface Sample {
  cluster: { id: string; name: string };
  projectCluster: { id: string; projectId: string };
  slurmCluster: string;
  pool: { id: string; clusterId: string };
  sampledCluster: string;
  instance: { id: string; projectId: string };
  filesystem: { id: string; projectId: string };
}

describe('query plans at fleet scale', () => {
  let database: PrivateDatabase;
  let explainer: Client;
  const recorder = new QueryRecorder();
  let prisma: PrismaService;
  let sample: Sample;
  const report: { name: string; shape: string }[] = [];

  beforeAll(async () => {
    database = await createPrivateDatabase('query_plans');
    explainer = new Client({ connectionString: database.url });
    await explainer.connect();
    await seedPlanFleet(explainer);
    prisma = new PrismaService({ databaseUrl: database.url, dbPoolSize: 2 } as BaseConfig, new HealthRegistry());
    await prisma.$connect();
    const one = async <T>(sql: string): Promise<T> => (await explainer.query(sql)).rows[0] as T;
    sample = {
      cluster: await one(`SELECT id, name FROM clusters WHERE tenant_id = ${PLAN_FLEET.bigTenant} AND deleted_at IS NULL ORDER BY created_at OFFSET 5000 LIMIT 1`),
      projectCluster: await one(`SELECT id, project_id AS "projectId" FROM clusters WHERE project_id IS NOT NULL AND kind = 'kubernetes' AND deleted_at IS NULL LIMIT 1`),
      slurmCluster: (await one<{ id: string }>(`SELECT id FROM clusters WHERE kind = 'slurm' LIMIT 1`)).id,
      pool: await one(`SELECT id, cluster_id AS "clusterId" FROM node_pools OFFSET 7000 LIMIT 1`),
      sampledCluster: (await one<{ cluster_id: string }>(`SELECT cluster_id FROM metric_samples LIMIT 1`)).cluster_id,
      instance: await one(`SELECT id, project_id AS "projectId" FROM instances OFFSET 4000 LIMIT 1`),
      filesystem: await one(`SELECT id, project_id AS "projectId" FROM filesystems OFFSET 2000 LIMIT 1`),
    };
    recorder.install();
  }, 180_000);

  afterAll(async () => {
    recorder.uninstall();
    await prisma?.$disconnect();
    await explainer?.end();
    await database?.drop();
    // QUERY_PLANS_REPORT=<file> writes the plans as the table docs/query-plans.md shows.
    if (process.env.QUERY_PLANS_REPORT) writeFileSync(process.env.QUERY_PLANS_REPORT, report.map((r) => `| ${r.name} | ${r.shape} |`).join('\n') + '\n');
  });

  const clock = () => ({ now: new Date(), livenessTimeoutMs: 60_000 });
  const cutoff = () => new Date(Date.now() - 10_000);
  const tenant = PLAN_FLEET.bigTenant;
  const repos = () => ({
    clusters: new ClusterReadRepository(prisma),
    search: new ClusterSearchRepository(prisma),
    listing: new ClusterListingRepository(prisma),
    metrics: new ClusterMetricsReadRepository(prisma),
    tenantConfig: new TenantConfigReadRepository(prisma),
    projects: new ProjectReadRepository(prisma),
    projectClusters: new ProjectClusterReadRepository(prisma),
    instances: new InstanceReadRepository(prisma),
    filesystems: new FilesystemReadRepository(prisma),
    nodePools: new NodePoolReadRepository(prisma),
    slurmUsers: new SlurmUserReadRepository(prisma),
  });

  const cases: [string, () => Promise<unknown>][] = [
    // Run:ai reads (gateway)
    ['ClusterReadRepository.findLive', () => repos().clusters.findLive(tenant, sample.cluster.id)],
    ['ClusterReadRepository.list', () => repos().clusters.list(tenant, { includeRequestedForDelete: false })],
    ['ClusterReadRepository.list (includeRequestedForDelete)', () => repos().clusters.list(tenant, { includeRequestedForDelete: true })],
    ['ClusterReadRepository.findAgentCredentials', () => repos().clusters.findAgentCredentials(sample.cluster.id)],
    ['ClusterReadRepository.findAgentCredentialsMany', () => repos().clusters.findAgentCredentialsMany([sample.cluster.id, sample.projectCluster.id, randomUUID()])],
    ['ClusterSearchRepository.findPage', () => repos().search.findPage(tenant, [], { offset: 0, limit: 50 }, clock())],
    ['ClusterSearchRepository.findPage name==', () => repos().search.findPage(tenant, terms(`name==${sample.cluster.name}`), { offset: 0, limit: 50 }, clock())],
    ['ClusterSearchRepository.findPage uuid==', () => repos().search.findPage(tenant, terms(`uuid==${sample.cluster.id}`), { offset: 0, limit: 50 }, clock())],
    ['ClusterSearchRepository.findPage name>=, name<=', () => repos().search.findPage(tenant, terms('name>=cluster-0100', 'name<=cluster-0101'), { offset: 0, limit: 50 }, clock())],
    ['ClusterSearchRepository.findPage createdAt>=', () => repos().search.findPage(tenant, terms(`createdAt>=${new Date(Date.now() - HOUR).toISOString()}`), { offset: 0, limit: 50 }, clock())],
    ['ClusterSearchRepository.findPage version>=, state==', () => repos().search.findPage(tenant, terms('version>=2.20', 'state==Connected'), { offset: 100, limit: 50 }, clock())],
    // TrueFoundry and Fireworks reads (gateway)
    ['ClusterListingRepository.findLiveByName', () => repos().listing.findLiveByName(tenant, sample.cluster.name)],
    ['ClusterListingRepository.connectionInfo', () => repos().listing.connectionInfo(tenant, sample.cluster.id)],
    ['ClusterListingRepository.offsetPage', () => repos().listing.offsetPage(tenant, 100, 50)],
    ['ClusterListingRepository.keysetPage createTime', () => repos().listing.keysetPage(tenant, { terms: [], order: { field: 'createTime', direction: 'desc' }, limit: 50, after: { key: new Date(Date.now() - HOUR).toISOString(), id: sample.cluster.id } })],
    ['ClusterListingRepository.keysetPage name, state=READY', () => repos().listing.keysetPage(tenant, { terms: [{ field: 'state', operator: '=', value: 'READY' }], order: { field: 'name', direction: 'asc' }, limit: 50, after: { key: sample.cluster.name, id: sample.cluster.id } })],
    ['ClusterMetricsReadRepository.bucketed', () => repos().metrics.bucketed({ clusterId: sample.sampledCluster, types: ['GPU_UTILIZATION', 'ALLOCATED_GPUS'], start: new Date(Date.now() - 6 * HOUR), end: new Date(), buckets: 20, perNodePool: false, additiveTypes: ['ALLOCATED_GPUS'] })],
    ['TenantConfigReadRepository.list', () => Promise.all((['environment', 'container-registry', 'cluster-integration'] as const).map((kind) => repos().tenantConfig.list(tenant, kind)))],
    // Fluidstack reads (gateway)
    ['ProjectReadRepository.findLive, list', async () => { await repos().projects.findLive(tenant, sample.projectCluster.projectId); await repos().projects.list(tenant, { limit: 20 }); }],
    ['ProjectClusterReadRepository.findLive, list', async () => { await repos().projectClusters.findLive(sample.projectCluster.projectId, 'kubernetes', sample.projectCluster.id); await repos().projectClusters.list(sample.projectCluster.projectId, 'kubernetes', { limit: 20 }); }],
    ['InstanceReadRepository.findLive, list', async () => { await repos().instances.findLive(sample.instance.projectId, sample.instance.id); await repos().instances.list(sample.instance.projectId, { limit: 20 }); }],
    ['FilesystemReadRepository.findLive, list', async () => { await repos().filesystems.findLive(sample.filesystem.projectId, sample.filesystem.id); await repos().filesystems.list(sample.filesystem.projectId, { limit: 20 }); }],
    ['NodePoolReadRepository.findLive, list', async () => { await repos().nodePools.findLive(sample.pool.clusterId, sample.pool.id); await repos().nodePools.list(sample.pool.clusterId); }],
    ['NodePoolReadRepository.loginNodes', () => repos().nodePools.loginNodes([sample.slurmCluster])],
    ['SlurmUserReadRepository.find, list', async () => { await repos().slurmUsers.find(sample.slurmCluster, 'user-1'); await repos().slurmUsers.list(sample.slurmCluster); }],
    // Command handlers' locks, checkpoints and outbox writes (worker services)
    ['lockLiveProject, lockProjectCluster', () => prisma.$transaction(async (tx) => { await lockLiveProject(tx, tenant, sample.projectCluster.projectId, 'FOR SHARE').catch(() => undefined); await lockProjectCluster(tx, { tenantId: tenant, projectId: sample.projectCluster.projectId, clusterId: sample.projectCluster.id }, 'FOR UPDATE').catch(() => undefined); })],
    ['isStepDone, markStepDone', () => prisma.$transaction(async (tx) => { await isStepDone(tx, sample.cluster.id, 'credentials', 1); await markStepDone(tx, sample.cluster.id, 'credentials', 1); })],
    ['insertClusterWithEvent (a project\'s cluster with a pool)', () => {
      const id = randomUUID();
      const cluster = { id, tenantId: tenant, name: `plans-${id}`, displayName: null, domain: null, agentVersion: null, origin: 'managed' as const, kind: 'kubernetes' as const, provider: 'simulated', projectId: sample.projectCluster.projectId, kubernetesVersion: '1.31', slurmVersion: null, podCidr: null, serviceCidr: null, providerConfig: null, manifest: null, tags: {}, createdBy: 'plans' };
      return insertClusterWithEvent(prisma, cluster, [{ id: randomUUID(), name: 'pool-a', instanceType: 'gpu.h100.8x', desiredCount: 2, loginNodes: 0 }], { type: 'cluster.created', tenantId: tenant, resourceType: 'cluster', resourceId: id, data: {} });
    }],
    ['appendOutboxEvent', () => prisma.$transaction((tx) => appendOutboxEvent(tx, { type: 'cluster.updated', tenantId: tenant, resourceType: 'cluster', resourceId: sample.cluster.id, data: {} }))],
    // Background jobs (their Prisma arguments, as in the named files)
    ['OutboxRelayService.publishBatch (libs/messaging)', () => prisma.$queryRaw`SELECT id, type, subject, tenant_id, data, correlation_id, occurred_at FROM outbox_events WHERE published_at IS NULL ORDER BY seq LIMIT 200`],
    ['ReconcileProvisioningJob (apps/provisioning)', async () => {
      const live = { deletedAt: null, deleteRequestedAt: null, updatedAt: { lt: cutoff() } };
      await prisma.cluster.findMany({ where: { ...live, phase: { in: ['Pending', 'Provisioning'] } }, select: { id: true, generation: true }, take: 1_000 });
      await prisma.cluster.findMany({ where: { ...live, phase: 'Ready', origin: 'managed', agentInstalledAt: null }, select: { id: true, generation: true }, take: 1_000 });
    }],
    ['ensureStuckFluidstackJobs (apps/provisioning)', async () => {
      await prisma.cluster.findMany({ where: { phase: 'Updating', deletedAt: null, deleteRequestedAt: null, updatedAt: { lt: cutoff() } }, select: { id: true, generation: true }, take: 1_000 });
      await prisma.filesystem.findMany({ where: { state: 'creating', deletedAt: null, updatedAt: { lt: cutoff() } }, select: { id: true }, take: 1_000 });
    }],
    ['ReconcileDeletionsJob (apps/deletion)', async () => {
      await prisma.cluster.findMany({ where: { deletedAt: null, deleteRequestedAt: { lt: cutoff() } }, select: { id: true }, take: 1_000 });
      await prisma.orphanedResource.findMany({ where: { collectedAt: null, createdAt: { lt: cutoff() }, clusterId: { not: null } }, select: { clusterId: true }, distinct: ['clusterId'], take: 1_000 });
    }],
    ['ensureStuckResourceDeletions (apps/deletion)', async () => {
      const stale = { deletedAt: null, updatedAt: { lt: cutoff() } };
      await prisma.nodePool.findMany({ where: { ...stale, phase: 'Deleting' }, select: { id: true }, take: 1_000 });
      await prisma.instance.findMany({ where: { ...stale, state: 'deleting' }, select: { id: true }, take: 1_000 });
      await prisma.filesystem.findMany({ where: { ...stale, state: 'deleting' }, select: { id: true }, take: 1_000 });
    }],
    ['CollectOrphansJob (apps/deletion)', () => prisma.orphanedResource.findMany({ where: { clusterId: sample.cluster.id, collectedAt: null } })],
    ['ReconcileNodePoolsJob (apps/node-pool)', () => prisma.nodePool.findMany({ where: { deletedAt: null, phase: { notIn: ['Ready', 'Failed', 'Deleting'] }, updatedAt: { lt: cutoff() }, cluster: { deletedAt: null, deleteRequestedAt: null } }, select: { id: true, generation: true }, take: 1_000 })],
    ['ensureStuckInstanceJobs (apps/node-pool)', () => prisma.instance.findMany({ where: { deletedAt: null, state: { in: ['creating', 'starting', 'stopping'] }, updatedAt: { lt: cutoff() } }, select: { id: true, state: true, generation: true }, take: 1_000 })],
    ['SweepLivenessJob (apps/status)', () => prisma.$queryRaw`
      WITH stale AS (
        SELECT id, state FROM clusters
        WHERE state NOT IN ('WaitingToConnect', 'Disconnected') AND deleted_at IS NULL
          AND COALESCE(liveness_checkpoint, '-infinity'::timestamptz) < ${new Date(Date.now() - 60_000)} AND last_liveness < ${new Date(Date.now() - 60_000)}
        ORDER BY COALESCE(liveness_checkpoint, '-infinity'::timestamptz) LIMIT 1000 FOR UPDATE SKIP LOCKED)
      SELECT id FROM stale`],
    ['PruneMetricsJob (apps/status)', () => prisma.$executeRaw`
      DELETE FROM metric_samples WHERE ctid = ANY(ARRAY(
        SELECT ctid FROM metric_samples WHERE time < ${new Date(Date.now() - 23 * HOUR)} ORDER BY time LIMIT 5000))`],
    ['ReportBatcher.writeBatch (apps/status)', () => withPoolTransaction(prisma.pool, { statementTimeoutMs: 30_000 }, async (client) => {
      const ids = [sample.cluster.id, sample.projectCluster.id];
      const at = new Date().toISOString();
      await client.query({ ...STATUS_BATCH_LOCK_CLUSTERS, values: [ids] });
      await client.query({ ...STATUS_BATCH_READ_CLUSTERS, values: [ids] });
      // A uuid no cluster has: the plan is the same, and the seeded fleet stays as it is.
      const row = { id: randomUUID(), last_liveness: at, last_reported_at: at, reported_status: {}, state: 'Connected', agent_version: '2.24', uninstall_acked_at: null, liveness_checkpoint: at };
      await client.query({ ...STATUS_BATCH_UPDATE_CLUSTERS, values: [JSON.stringify([row])] });
      await client.query({ ...STATUS_BATCH_INSERT_SAMPLES, values: [JSON.stringify([{ clusterId: sample.cluster.id, time: at, metrics: [{ type: 'TOTAL_GPU', value: 8 }] }])] });
    })],
    ['OrphanOperations (apps/gateway ops)', async () => {
      await prisma.orphanedResource.findMany({ where: { collectedAt: null }, orderBy: { createdAt: 'asc' }, take: 100 });
      await prisma.orphanedResource.findMany({ where: { collectedAt: null, clusterId: { not: null } }, select: { clusterId: true }, distinct: ['clusterId'] });
    }],
  ];

  it.each(cases)('%s reads no big table whole', async (name, work) => {
    const queries = await recorder.during(work);
    expect(queries.length).toBeGreaterThan(0);
    const shapes: string[] = [];
    for (const query of queries) {
      const plan = await explain(explainer, query);
      const scanned = seqScannedTables(plan).filter((table) => BIG_TABLES.includes(table));
      expect({ query: query.text, scanned }).toEqual({ query: query.text, scanned: [] });
      shapes.push(planShape(plan));
    }
    report.push({ name, shape: shapes.join('; ') });
  });
});
