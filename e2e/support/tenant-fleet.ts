import { randomBytes, randomUUID } from 'node:crypto';
import { http, waitFor, type HttpResult, type TestTenant } from '@clusterplane/testing';

/** A public key the Slurm user routes accept (seed 004's example). */
export const SSH_KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIEaSkijEWFbnjixzWRw3u2spZZaeVeWO5/ymySevCvXh';

/**
 * One of every resource a tenant can hold, in every dialect, named by what addresses it: the
 * Fireworks account and Fluidstack project scope a call; the rest are path parameters.
 */
export interface FleetIds {
  account: string;
  project: string;
  runaiCluster: string;
  truefoundryCluster: string;
  /** Fireworks clusters are addressed by name (a managed fakeCluster, so it has connection info). */
  fireworksCluster: string;
  instance: string;
  filesystem: string;
  kubernetesCluster: string;
  kubernetesNodePool: string;
  slurmCluster: string;
  slurmNodePool: string;
  slurmUser: string;
  environment: string;
  containerRegistry: string;
  clusterIntegration: string;
}

export type FleetKey = keyof FleetIds;

export interface FleetNames {
  project: string;
  filesystem: string;
  instance: string;
  kubernetesCluster: string;
  slurmCluster: string;
  runaiCluster: string;
  truefoundryCluster: string;
  fireworksCluster: string;
  environment: string;
}

export interface Fleet {
  tenant: TestTenant;
  ids: FleetIds;
  /** Names the tenant gave its resources, which no other tenant's answer may show. */
  names: FleetNames;
  /** The Run:ai cluster's agent client secret. */
  agentSecret: string;
}

/** Ids of the same kinds that name nothing: what another tenant's resource must look like. */
export function missingIds(): FleetIds {
  const suffix = randomBytes(4).toString('hex');
  return {
    account: `missing-${suffix}`,
    project: randomUUID(),
    runaiCluster: randomUUID(),
    truefoundryCluster: randomUUID(),
    fireworksCluster: `missing-${suffix}`,
    instance: randomUUID(),
    filesystem: randomUUID(),
    kubernetesCluster: randomUUID(),
    kubernetesNodePool: randomUUID(),
    slurmCluster: randomUUID(),
    slurmNodePool: randomUUID(),
    slurmUser: `missing${suffix}`,
    environment: `missing-${suffix}`,
    containerRegistry: `missing:ecr:${suffix}`,
    clusterIntegration: `missing:aws:${suffix}`,
  };
}

/** The values of `ids` that `from` would put in a request, each mapped to its stand-in in `to`. */
export function idRenames(from: FleetIds, to: FleetIds): [string, string][] {
  return (Object.keys(from) as FleetKey[]).map((key) => [from[key], to[key]] as [string, string]).sort((a, b) => b[0].length - a[0].length);
}

type Call = <T>(method: string, path: string, body?: unknown, headers?: Record<string, string>) => Promise<HttpResult<T>>;

function expectStatus<T>(what: string, response: HttpResult<T>, status: number): T {
  if (response.status !== status) throw new Error(`${what}: expected ${status}, got ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}

/**
 * Creates one of every resource for `tenant` through the gateway as its admin, and waits until
 * the managed ones have settled (clusters READY, the instance running), so later reads see
 * them as they will stay.
 */
export async function createFleet(gatewayUrl: string, tenant: TestTenant, adminToken: string): Promise<Fleet> {
  const call: Call = (method, path, body, headers) => http(gatewayUrl, method, path, { token: adminToken, body, headers });
  const names: FleetNames = {
    project: `project-${tenant.slug}`,
    filesystem: `fs-${tenant.slug}`,
    instance: `vm-${tenant.slug}`,
    kubernetesCluster: `k8s-${tenant.slug}`,
    slurmCluster: `slurm-${tenant.slug}`,
    runaiCluster: `runai-${tenant.slug}`,
    truefoundryCluster: `tfy-${tenant.slug}`,
    fireworksCluster: `fw-${tenant.slug}`,
    environment: `env-${tenant.slug}`,
  };
  const fs = `/api/v1alpha1`;

  const project = expectStatus('project', await call<{ id: string }>('POST', `${fs}/projects`, { name: names.project }), 201).id;
  const scoped: Call = (method, path, body) => call(method, `${fs}${path}`, body, { 'x-project-id': project });

  // One create at a time: two fleets built at once already keep the services' pools busy.
  const created = async (what: string, request: Promise<HttpResult<Record<string, unknown>>>, status: number, id: (body: Record<string, unknown>) => unknown) =>
    String(id(expectStatus(what, await request, status)));
  const filesystem = await created('filesystem', scoped('POST', '/filesystems', { name: names.filesystem, size: '1Gi' }), 201, (b) => b['id']);
  const instance = await created('instance', scoped('POST', '/instances', { name: names.instance, type: 'cpu.4x' }), 201, (b) => b['id']);
  const kubernetes = await created('kubernetes cluster', scoped('POST', '/kubernetes/clusters', { name: names.kubernetesCluster, version: '1.32.5', defaultNodePool: { name: 'default', type: 'cpu.4x', count: 1 } }), 201, (b) => b['id']);
  const slurm = await created('slurm cluster', scoped('POST', '/slurm/clusters', { name: names.slurmCluster, defaultNodePool: { name: 'gpu', type: 'cpu.4x', count: 1 } }), 201, (b) => b['id']);
  const runai = await created('run:ai cluster', call('POST', '/api/v1/clusters', { name: names.runaiCluster, version: '2.24' }), 201, (b) => b['uuid']);
  const manifest = { type: 'cluster', name: names.truefoundryCluster, cluster_type: 'aws-eks', environment_names: ['prod'], collaborators: [{ subject: `user:${tenant.slug}`, role_id: 'cluster-admin' }] };
  const truefoundry = await created('truefoundry cluster', call('PUT', '/api/svc/v1/clusters', { manifest }), 200, (b) => (b['data'] as { id: string }).id);
  const fireworksCluster = names.fireworksCluster;
  expectStatus('fireworks cluster', await call('POST', `/v1/accounts/${tenant.slug}/clusters`, { clusterId: fireworksCluster, cluster: { fakeCluster: { projectId: 'p1', location: 'us-central1', clusterName: fireworksCluster } } }), 200);
  const environment = names.environment;
  const containerRegistry = `${tenant.slug}:ecr:main`;
  const clusterIntegration = `${tenant.slug}:aws:main`;
  expectStatus('environment', await call('POST', '/api/svc/v1/environments', { name: environment }), 200);
  expectStatus('container registry', await call('POST', '/api/svc/v1/container-registries', { fqn: containerRegistry }), 200);
  expectStatus('cluster integration', await call('POST', '/api/svc/v1/cluster-integrations', { fqn: clusterIntegration, provider: 'aws' }), 200);

  const settled = async (what: string, path: string, accept: (body: Record<string, unknown>) => boolean) =>
    waitFor(`${tenant.slug} ${what}`, async () => {
      const response = path.startsWith('/api/v1alpha1') ? await scoped<Record<string, unknown>>('GET', path.slice(fs.length)) : await call<Record<string, unknown>>('GET', path);
      return response.status === 200 && accept(response.body);
    }, { timeoutMs: 60_000, intervalMs: 200 });
  const statusType = (body: Record<string, unknown>) => (body['status'] as { type?: string } | undefined)?.type;
  await Promise.all([
    settled('kubernetes cluster READY', `${fs}/kubernetes/clusters/${kubernetes}`, (c) => statusType(c) === 'READY'),
    settled('slurm cluster READY', `${fs}/slurm/clusters/${slurm}`, (c) => statusType(c) === 'READY'),
    settled('instance running', `${fs}/instances/${instance}`, (i) => i['state'] === 'running'),
    settled('fireworks cluster READY', `/v1/accounts/${tenant.slug}/clusters/${fireworksCluster}`, (c) => c['state'] === 'READY'),
  ]);

  const slurmUser = 'user01';
  expectStatus('slurm user', await scoped('POST', `/slurm/clusters/${slurm}/users`, { username: slurmUser, sshKeys: [SSH_KEY] }), 201);
  const [kubernetesNodePool] = expectStatus('kubernetes node pools', await scoped<{ id: string }[]>('GET', `/kubernetes/clusters/${kubernetes}/node-pools`), 200);
  const [slurmNodePool] = expectStatus('slurm node pools', await scoped<{ id: string }[]>('GET', `/slurm/clusters/${slurm}/node-pools`), 200);
  const agentSecret = expectStatus('install info', await call<{ clientSecret: string }>('GET', `/api/v1/clusters/${runai}/cluster-install-info?version=2.24`), 200).clientSecret;

  return {
    tenant,
    agentSecret,
    names,
    ids: {
      account: tenant.slug,
      project,
      runaiCluster: runai,
      truefoundryCluster: truefoundry,
      fireworksCluster,
      instance,
      filesystem,
      kubernetesCluster: kubernetes,
      kubernetesNodePool: kubernetesNodePool!.id,
      slurmCluster: slurm,
      slurmNodePool: slurmNodePool!.id,
      slurmUser,
      environment,
      containerRegistry,
      clusterIntegration,
    },
  };
}
