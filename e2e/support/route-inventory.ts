import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import type { Role } from '@clusterplane/contracts';
import { distDir } from '@clusterplane/testing';
import { SSH_KEY, type FleetIds, type FleetKey } from './tenant-fleet';

export type Dialect = 'runai' | 'agent' | 'truefoundry' | 'fireworks' | 'fluidstack' | 'ops' | 'public';

/** Who may call a route (SPEC section 8). */
export type Access = { kind: 'public' } | { kind: 'agent' } | { kind: 'roles'; roles: readonly Role[] };

/** A path segment's value: a resource of the addressed fleet, or a fixed value. */
type Segment = FleetKey | { value: string };

/** How to call a route with a valid request against a fleet. */
export interface RouteRecipe {
  /** The path parameters, in order. */
  path?: readonly Segment[];
  query?: string;
  /** What scopes the call besides the path: Fluidstack's `X-PROJECT-ID`. */
  projectHeader?: boolean;
  body?: (unique: string) => unknown;
}

export interface RouteSpec {
  method: string;
  /** The OpenAPI path, e.g. `/api/v1/clusters/{clusterUuid}`. */
  template: string;
  /** `METHOD /path/{}`: parameter names left out, so a renamed parameter is the same route. */
  key: string;
  dialect: Dialect;
  mutates: boolean;
  access: Access;
  recipe: RouteRecipe;
  /** The fleet resources in the path that belong to a tenant (cross-tenant calls swap these). */
  resources: FleetKey[];
  /** What scopes a call to a tenant (the Fireworks account, the Fluidstack project), if anything. */
  scope?: 'account' | 'project';
}

export interface BuiltRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: unknown;
}

const READ_METHODS = new Set(['GET', 'HEAD']);
const TENANT_READERS: readonly Role[] = ['admin', 'editor', 'viewer'];
const TENANT_WRITERS: readonly Role[] = ['admin', 'editor'];
const FS = '/api/v1alpha1';
const TF_CONFIG = '/api/svc/v1/{}';

/** A metrics window that always parses: the hour before the test run started. */
const METRICS_QUERY = (() => {
  const end = new Date();
  const start = new Date(end.getTime() - 3_600_000);
  return `?start=${start.toISOString()}&end=${end.toISOString()}&metricType=GPU_UTILIZATION&numberOfSamples=5`;
})();

/**
 * A valid request for every route the gateway documents, keyed like `RouteSpec.key`. A route
 * with no entry here fails the inventory test, so a new route cannot escape the matrix.
 */
export const ROUTE_RECIPES: Record<string, RouteRecipe> = {
  // Run:ai (seeds 001, 002)
  'GET /api/v1/clusters': { query: '?verbosity=full' },
  'POST /api/v1/clusters': { body: (u) => ({ name: `runai-${u}`, version: '2.24' }) },
  'GET /api/v1/clusters/{}': { path: ['runaiCluster'] },
  'PUT /api/v1/clusters/{}': { path: ['runaiCluster'], body: (u) => ({ name: `renamed-${u}` }) },
  'DELETE /api/v1/clusters/{}': { path: ['runaiCluster'] },
  'GET /api/v1/clusters/{}/cluster-install-info': { path: ['runaiCluster'], query: '?version=2.24' },
  'GET /api/v1/clusters/minimal': {},
  'GET /api/v1/clusters/{}/minimal': { path: ['runaiCluster'] },
  'GET /api/v1/clusters/{}/metrics': { path: ['runaiCluster'], query: METRICS_QUERY },
  // The agent protocol
  'POST /api/v1/agent/clusters/{}/status': {
    path: ['runaiCluster'],
    body: () => ({ reportedAt: new Date().toISOString(), version: '2.24', conditions: [{ type: 'Available', status: 'True', reason: 'Ready', message: '' }], operands: {}, dependencies: { required: {}, optional: {} } }),
  },
  // TrueFoundry (seed 000)
  'PUT /api/svc/v1/clusters': {
    body: (u) => ({ manifest: { type: 'cluster', name: `tfy-${u}`, cluster_type: 'aws-eks', environment_names: ['prod'], collaborators: [{ subject: 'user:matrix', role_id: 'cluster-admin' }] } }),
  },
  'GET /api/svc/v1/clusters': {},
  'GET /api/svc/v1/clusters/{}': { path: ['truefoundryCluster'] },
  'DELETE /api/svc/v1/clusters/{}': { path: ['truefoundryCluster'] },
  'GET /api/svc/v1/clusters/{}/is-connected': { path: ['truefoundryCluster'] },
  [`GET ${TF_CONFIG}`]: { path: [{ value: 'container-registries' }] },
  [`POST ${TF_CONFIG}`]: { path: [{ value: 'environments' }], body: (u) => ({ name: `env-${u}` }) },
  [`DELETE ${TF_CONFIG}/{}`]: { path: [{ value: 'container-registries' }, 'containerRegistry'] },
  // Fireworks (seed 003)
  'POST /v1/accounts/{}/clusters': { path: ['account'], body: (u) => ({ clusterId: `fw-${u}`, cluster: { fakeCluster: { projectId: 'p1', location: 'us-central1', clusterName: `fw-${u}` } } }) },
  'GET /v1/accounts/{}/clusters': { path: ['account'] },
  'GET /v1/accounts/{}/clusters/{}': { path: ['account', 'fireworksCluster'] },
  'GET /v1/accounts/{}/clusters/{}:getConnectionInfo': { path: ['account', 'fireworksCluster'] },
  'PATCH /v1/accounts/{}/clusters/{}': { path: ['account', 'fireworksCluster'], body: (u) => ({ displayName: `renamed ${u}` }) },
  'DELETE /v1/accounts/{}/clusters/{}': { path: ['account', 'fireworksCluster'] },
  // Fluidstack (seed 004)
  [`POST ${FS}/projects`]: { body: (u) => ({ name: `project-${u}` }) },
  [`GET ${FS}/projects`]: {},
  [`GET ${FS}/projects/{}`]: { path: ['project'] },
  [`DELETE ${FS}/projects/{}`]: { path: ['project'] },
  [`POST ${FS}/instances`]: { projectHeader: true, body: (u) => ({ name: `vm-${u}`, type: 'cpu.4x' }) },
  [`GET ${FS}/instances`]: { projectHeader: true },
  [`GET ${FS}/instances/{}`]: { projectHeader: true, path: ['instance'] },
  [`DELETE ${FS}/instances/{}`]: { projectHeader: true, path: ['instance'] },
  [`POST ${FS}/instances/{}/actions/start`]: { projectHeader: true, path: ['instance'] },
  [`POST ${FS}/instances/{}/actions/stop`]: { projectHeader: true, path: ['instance'] },
  [`POST ${FS}/filesystems`]: { projectHeader: true, body: (u) => ({ name: `fs-${u}`, size: '1Gi' }) },
  [`GET ${FS}/filesystems`]: { projectHeader: true },
  [`GET ${FS}/filesystems/{}`]: { projectHeader: true, path: ['filesystem'] },
  [`DELETE ${FS}/filesystems/{}`]: { projectHeader: true, path: ['filesystem'] },
  [`POST ${FS}/kubernetes/clusters`]: { projectHeader: true, body: (u) => ({ name: `k8s-${u}`, version: '1.32.5' }) },
  [`GET ${FS}/kubernetes/clusters`]: { projectHeader: true },
  [`GET ${FS}/kubernetes/clusters/{}`]: { projectHeader: true, path: ['kubernetesCluster'] },
  [`PATCH ${FS}/kubernetes/clusters/{}`]: { projectHeader: true, path: ['kubernetesCluster'], body: () => ({ version: 'v1.33.0' }) },
  [`DELETE ${FS}/kubernetes/clusters/{}`]: { projectHeader: true, path: ['kubernetesCluster'] },
  [`GET ${FS}/kubernetes/clusters/{}/credentials`]: { projectHeader: true, path: ['kubernetesCluster'] },
  [`GET ${FS}/kubernetes/clusters/{}/node-pools`]: { projectHeader: true, path: ['kubernetesCluster'] },
  [`POST ${FS}/kubernetes/clusters/{}/node-pools`]: { projectHeader: true, path: ['kubernetesCluster'], body: (u) => ({ name: `pool-${u}`.slice(0, 63), type: 'cpu.4x', count: 1 }) },
  [`GET ${FS}/kubernetes/clusters/{}/node-pools/{}`]: { projectHeader: true, path: ['kubernetesCluster', 'kubernetesNodePool'] },
  [`PATCH ${FS}/kubernetes/clusters/{}/node-pools/{}`]: { projectHeader: true, path: ['kubernetesCluster', 'kubernetesNodePool'], body: () => ({ count: 2 }) },
  [`DELETE ${FS}/kubernetes/clusters/{}/node-pools/{}`]: { projectHeader: true, path: ['kubernetesCluster', 'kubernetesNodePool'] },
  [`POST ${FS}/slurm/clusters`]: { projectHeader: true, body: (u) => ({ name: `slurm-${u}` }) },
  [`GET ${FS}/slurm/clusters`]: { projectHeader: true },
  [`GET ${FS}/slurm/clusters/{}`]: { projectHeader: true, path: ['slurmCluster'] },
  [`DELETE ${FS}/slurm/clusters/{}`]: { projectHeader: true, path: ['slurmCluster'] },
  [`GET ${FS}/slurm/clusters/{}/node-pools`]: { projectHeader: true, path: ['slurmCluster'] },
  [`POST ${FS}/slurm/clusters/{}/node-pools`]: { projectHeader: true, path: ['slurmCluster'], body: (u) => ({ name: `pool-${u}`.slice(0, 63), type: 'cpu.4x', count: 1 }) },
  [`GET ${FS}/slurm/clusters/{}/node-pools/{}`]: { projectHeader: true, path: ['slurmCluster', 'slurmNodePool'] },
  [`GET ${FS}/slurm/clusters/{}/users`]: { projectHeader: true, path: ['slurmCluster'] },
  [`POST ${FS}/slurm/clusters/{}/users`]: { projectHeader: true, path: ['slurmCluster'], body: (u) => ({ username: `u${u}`.slice(0, 32).toLowerCase(), sshKeys: [SSH_KEY] }) },
  [`GET ${FS}/slurm/clusters/{}/users/{}`]: { projectHeader: true, path: ['slurmCluster', 'slurmUser'] },
  [`PUT ${FS}/slurm/clusters/{}/users/{}`]: { projectHeader: true, path: ['slurmCluster', 'slurmUser'], body: () => ({ sshKeys: [SSH_KEY], sudo: true }) },
  [`DELETE ${FS}/slurm/clusters/{}/users/{}`]: { projectHeader: true, path: ['slurmCluster', 'slurmUser'] },
  // Operators
  'GET /ops/api/queues': {},
  'GET /ops/api/queues/{}/failed': { path: [{ value: 'provisioning' }] },
  'POST /ops/api/queues/{}/jobs/{}/retry': { path: [{ value: 'provisioning' }, { value: 'no-such-job' }] },
  'POST /ops/api/queues/{}/replay': { path: [{ value: 'provisioning' }], query: '?limit=1' },
  'POST /ops/api/reconcile': {},
  'GET /ops/api/orphans': {},
  'POST /ops/api/orphans/collect': {},
  'GET /metrics': {},
  // Public
  'GET /healthz': {},
  'GET /readyz': {},
  'GET /openapi.json': {},
};

/**
 * Routes the gateway serves that the API description leaves out on purpose: the two UIs. The
 * queues UI (bull-board) registers many routes under its prefix; they all sit behind one hook.
 */
export const UNDOCUMENTED_ROUTES: { key: string; dialect: Dialect; access: Access; recipe: RouteRecipe }[] = [
  { key: 'GET /docs', dialect: 'public', access: { kind: 'public' }, recipe: {} },
  { key: 'GET /docs/swagger-initializer.js', dialect: 'public', access: { kind: 'public' }, recipe: {} },
  { key: 'GET /docs/{}', dialect: 'public', access: { kind: 'public' }, recipe: { path: [{ value: 'swagger-ui.css' }] } },
  { key: 'GET /ops/queues', dialect: 'ops', access: { kind: 'roles', roles: ['ops'] }, recipe: {} },
];
export const QUEUES_UI_PREFIX = '/ops/queues';

export function routeKey(method: string, template: string): string {
  return `${method.toUpperCase()} ${template.replace(/\{[^}]*\}/g, '{}')}`;
}

export function dialectOf(path: string): Dialect {
  if (path.startsWith('/api/v1alpha1/')) return 'fluidstack';
  if (path.startsWith('/api/v1/agent/')) return 'agent';
  if (path.startsWith('/api/v1/')) return 'runai';
  if (path.startsWith('/api/svc/')) return 'truefoundry';
  if (path.startsWith('/v1/accounts/')) return 'fireworks';
  if (path.startsWith('/ops/') || path === '/metrics') return 'ops';
  return 'public';
}

const PUBLIC_PATHS = new Set(['/healthz', '/readyz', '/openapi.json']);
const ADMIN_ONLY = new Set([`POST ${TF_CONFIG}`, `DELETE ${TF_CONFIG}/{}`]);

/** SPEC section 8 as a rule: what the matrix expects of each route. */
export function expectedAccess(method: string, template: string): Access {
  const dialect = dialectOf(template);
  if (PUBLIC_PATHS.has(template)) return { kind: 'public' };
  if (dialect === 'agent') return { kind: 'agent' };
  if (dialect === 'ops') return { kind: 'roles', roles: ['ops'] };
  if (ADMIN_ONLY.has(routeKey(method, template))) return { kind: 'roles', roles: ['admin'] };
  return { kind: 'roles', roles: READ_METHODS.has(method) ? TENANT_READERS : TENANT_WRITERS };
}

export interface DocumentedOperation {
  method: string;
  template: string;
}

/**
 * The operations of the merged API description as the built gateway serves it, read
 * synchronously (jest needs its table before any test runs) from the compiled OpenAPI parts.
 */
export function documentedOperations(): DocumentedOperation[] {
  const script = `
    const parts = require(${JSON.stringify(join(distDir(), 'apps/gateway/src/openapi/openapi-parts.js'))}).OPENAPI_PARTS;
    const methods = ['get', 'put', 'post', 'delete', 'patch'];
    const out = [];
    for (const part of parts) {
      for (const [template, item] of Object.entries(part.document.paths ?? {})) {
        for (const method of Object.keys(item).filter((m) => methods.includes(m))) out.push({ method: method.toUpperCase(), template });
      }
    }
    process.stdout.write(JSON.stringify(out));`;
  return JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8', cwd: distDir() })) as DocumentedOperation[];
}

function routeSpec(method: string, template: string, dialect: Dialect, access: Access, recipe: RouteRecipe): RouteSpec {
  const resources = (recipe.path ?? []).filter((s): s is FleetKey => typeof s === 'string' && s !== 'account');
  const scope = recipe.projectHeader ? 'project' : recipe.path?.includes('account') ? 'account' : undefined;
  return { method, template, key: routeKey(method, template), dialect, mutates: !READ_METHODS.has(method), access, recipe, resources, scope };
}

/** Every route to test: the documented operations with their recipes, then the two UIs. */
export function routeInventory(operations: DocumentedOperation[] = documentedOperations()): { routes: RouteSpec[]; withoutRecipe: string[] } {
  const withoutRecipe: string[] = [];
  const routes: RouteSpec[] = [];
  for (const op of operations) {
    const recipe = ROUTE_RECIPES[routeKey(op.method, op.template)];
    if (!recipe) withoutRecipe.push(routeKey(op.method, op.template));
    else routes.push(routeSpec(op.method, op.template, dialectOf(op.template), expectedAccess(op.method, op.template), recipe));
  }
  for (const ui of UNDOCUMENTED_ROUTES) {
    const [method, template] = ui.key.split(' ') as [string, string];
    routes.push(routeSpec(method, template, ui.dialect, ui.access, ui.recipe));
  }
  return { routes, withoutRecipe };
}

/** A valid request for `route` addressing the fleet `ids` (a mix of tenants' ids for a cross-tenant call). */
export function buildRequest(route: RouteSpec, ids: FleetIds, unique: string): BuiltRequest {
  const values = (route.recipe.path ?? []).map((segment) => encodeURIComponent(typeof segment === 'string' ? ids[segment] : segment.value));
  let index = 0;
  const path = route.template.replace(/\{[^}]*\}/g, () => values[index++] ?? '');
  const headers: Record<string, string> = route.recipe.projectHeader ? { 'x-project-id': ids.project } : {};
  return { method: route.method, path: `${path}${route.recipe.query ?? ''}`, headers, body: route.recipe.body?.(unique) };
}
