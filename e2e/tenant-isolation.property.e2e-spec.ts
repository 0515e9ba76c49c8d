import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { Pool } from 'pg';
import type { Role } from '@clusterplane/contracts';
import { http, signTestToken, TestSystem, testInfrastructure, uniqueTenant, type HttpResult } from '@clusterplane/testing';
import { crossTenantRequests, expectIndistinguishable, unique, type CrossTenantVariant } from './support/auth-matrix-cases';
import { buildRequest, routeInventory, type BuiltRequest, type RouteSpec } from './support/route-inventory';
import { createFleet, idRenames, missingIds, type Fleet, type FleetKey } from './support/tenant-fleet';
import { snapshotDiff, snapshotTenants, type SnapshotRow } from './support/tenant-snapshot';

/**
 * SPEC section 8, as a property: two tenants issue random sequences of operations, in every
 * dialect, against each other's ids. No call on the other tenant's resources succeeds or
 * answers differently from a call on ids that name nothing, none leaves a row changed or an
 * event behind, and nothing either tenant reads shows the other's resources. Creating a
 * resource under the other tenant's name is allowed, and stays in the creator's fleet.
 */
const SEED = Number(process.env['PROPERTY_SEED'] ?? 20_261_124);
const RUNS = Number(process.env['PROPERTY_RUNS'] ?? 100);

type Side = 'a' | 'b';
const other = (side: Side): Side => (side === 'a' ? 'b' : 'a');

const { routes } = routeInventory();
const tenantRoutes = routes.filter((r) => r.access.kind === 'roles' && !r.access.roles.includes('ops'));
const attackRoutes = tenantRoutes.filter((r) => r.resources.length > 0 || r.scope);
const readRoutes = tenantRoutes.filter((r) => !r.mutates);

/** Creates in the actor's own fleet under a name the victim uses; each one's name comes back for the bookkeeping. */
interface Collision {
  name: string;
  request(actor: Fleet, victim: Fleet): { request: BuiltRequest; name: string };
}
const COLLISIONS: Collision[] = [
  { name: 'Run:ai cluster', request: (actor, victim) => ({ name: victim.names.runaiCluster, request: { method: 'POST', path: '/api/v1/clusters', headers: {}, body: { name: victim.names.runaiCluster, version: '2.24' } } }) },
  {
    name: 'Fireworks cluster',
    request: (actor, victim) => ({
      name: victim.ids.fireworksCluster,
      request: {
        method: 'POST',
        path: `/v1/accounts/${actor.ids.account}/clusters`,
        headers: {},
        body: { clusterId: victim.ids.fireworksCluster, cluster: { eksCluster: { awsAccountId: '123456789012', fireworksManagerRole: 'arn:aws:iam::123456789012:role/FireworksManager', region: 'us-west-2', clusterName: 'prod-eks', storageBucketName: 'fw-models', inferenceRole: 'arn:aws:iam::123456789012:role/service/Inference' } } },
      },
    }),
  },
  { name: 'Fluidstack project', request: (_actor, victim) => ({ name: victim.names.project, request: { method: 'POST', path: '/api/v1alpha1/projects', headers: {}, body: { name: victim.names.project } } }) },
  { name: 'TrueFoundry environment', request: (_actor, victim) => ({ name: victim.ids.environment, request: { method: 'POST', path: '/api/svc/v1/environments', headers: {}, body: { name: victim.ids.environment } } }) },
];

type Operation =
  | { kind: 'attack'; side: Side; role: Role; route: RouteSpec; variant: CrossTenantVariant }
  | { kind: 'read'; side: Side; role: Role; route: RouteSpec }
  | { kind: 'collide'; side: Side; collision: Collision };

const side = fc.constantFrom<Side>('a', 'b');
const tenantRole = fc.constantFrom<Role>('admin', 'editor', 'viewer');
// Mutations are where a side effect could hide behind a 404, so they are drawn three times as often.
const attackRoute = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...attackRoutes.filter((r) => r.mutates)) }, { weight: 1, arbitrary: fc.constantFrom(...attackRoutes.filter((r) => !r.mutates)) });
const operation: fc.Arbitrary<Operation> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc
      .record({ kind: fc.constant('attack' as const), side, role: tenantRole, route: attackRoute, variant: fc.constantFrom<CrossTenantVariant>('resources', 'scope') })
      // A route without a scope is attacked through its resources, one without resources through its scope.
      .map((op) => ({ ...op, variant: !op.route.scope ? 'resources' : op.route.resources.length === 0 ? 'scope' : op.variant })),
  },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('read' as const), side, role: tenantRole, route: fc.constantFrom(...readRoutes) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('collide' as const), side, collision: fc.constantFrom(...COLLISIONS) }) },
);
const describeOperation = (op: Operation): string =>
  op.kind === 'collide' ? `${op.side} creates a ${op.collision.name} named like the other's` : `${op.side} as ${op.role} ${op.kind === 'attack' ? `on the other's ${op.variant}:` : 'reads'} ${op.route.key}`;

describe('tenant isolation (property)', () => {
  let system: TestSystem;
  let db: Pool;
  const fleets = {} as Record<Side, Fleet>;
  /** Names each tenant took from the other through collisions; they are its own from then on. */
  const collided: Record<Side, Set<string>> = { a: new Set(), b: new Set() };
  const counts = { attack: 0, read: 0, collide: 0 };

  beforeAll(async () => {
    system = await TestSystem.start({ label: 'isolation', env: { JOB_BACKOFF_MS: '20', SIM_AGENT_INTERVAL_MS: '300', COMMAND_TIMEOUT_MS: '20000' } });
    db = new Pool({ connectionString: testInfrastructure().databaseUrl, max: 2 });
    const [a, b] = await Promise.all([uniqueTenant('iso-a'), uniqueTenant('iso-b')].map(async (tenant) => createFleet(system.gatewayUrl, tenant, await signTestToken(tenant))));
    fleets.a = a!;
    fleets.b = b!;
  }, 120_000);

  afterAll(async () => {
    await system?.stop();
    await db?.end();
  });

  const call = async (request: BuiltRequest, token: string, correlationId: string): Promise<HttpResult<unknown>> =>
    http(system.gatewayUrl, request.method, request.path, { token, body: request.body, headers: { ...request.headers, 'x-correlation-id': correlationId } });

  /** What of `victim`'s must never show in `reader`'s answers: its ids and names, less names the reader took. */
  const leaks = (text: string, reader: Side): string[] => {
    const victim = fleets[other(reader)];
    let own = text;
    for (const name of collided[reader]) own = own.split(name).join('');
    const secrets = [...Object.entries(victim.ids).filter(([key]) => (key as FleetKey) !== 'slurmUser').map(([, id]) => id), ...Object.values(victim.names)];
    return secrets.filter((secret) => own.includes(secret));
  };

  /** Runs one operation, noting its correlation id among the calls that must leave no event, or the creations. */
  const perform = async (op: Operation, attacks: string[], creations: Map<string, Side>, created: Map<Side, Set<string>>): Promise<void> => {
    const actor = fleets[op.side];
    const victim = fleets[other(op.side)];
    const correlationId = `iso-${randomUUID()}`;
    counts[op.kind]++;
    if (op.kind === 'attack') {
      attacks.push(correlationId);
      const missing = missingIds();
      const { variant } = op;
      // A resource addressed by name (a Fireworks cluster) whose name the attacker took is its own now.
      if (variant === 'resources' && op.route.resources.some((key) => collided[op.side].has(victim.ids[key]))) {
        counts.attack--;
        return;
      }
      const requests = crossTenantRequests(op.route, variant, actor.ids, victim.ids, missing, unique());
      for (const request of Object.values(requests)) request.headers['x-correlation-id'] = correlationId;
      await expectIndistinguishable(op.route, system.gatewayUrl, await signTestToken(actor.tenant, [op.role]), requests, idRenames(victim.ids, missing), 'refused');
    } else if (op.kind === 'read') {
      attacks.push(correlationId);
      const response = await call(buildRequest(op.route, actor.ids, unique()), await signTestToken(actor.tenant, [op.role]), correlationId);
      if (response.status < 200 || response.status >= 300) throw new Error(`${describeOperation(op)}: ${response.status} ${JSON.stringify(response.body)}`);
      const shown = leaks(typeof response.body === 'string' ? response.body : JSON.stringify(response.body), op.side);
      if (shown.length > 0) throw new Error(`${describeOperation(op)} shows the other tenant's ${shown.join(', ')}`);
    } else {
      const { request, name } = op.collision.request(actor, victim);
      const first = !collided[op.side].has(name);
      const response = await call(request, await signTestToken(actor.tenant), correlationId);
      const accepted = response.status >= 200 && response.status < 300;
      if (!(accepted || (!first && response.status === 409))) throw new Error(`${describeOperation(op)}: ${response.status} ${JSON.stringify(response.body)}`);
      collided[op.side].add(name);
      creations.set(correlationId, op.side);
      created.get(op.side)!.add(name);
    }
  };

  it(`holds for ${RUNS} random sequences of cross-tenant operations (seed ${SEED})`, async () => {
    const tenantIds = { a: fleets.a.tenant.id, b: fleets.b.tenant.id };
    await fc.assert(
      fc.asyncProperty(fc.array(operation, { minLength: 1, maxLength: 8 }), async (ops) => {
        const before = await snapshotTenants(db, [tenantIds.a, tenantIds.b]);
        const attacks: string[] = [];
        const creations = new Map<string, Side>();
        const created = new Map<Side, Set<string>>([['a', new Set()], ['b', new Set()]]);
        for (const op of ops) await perform(op, attacks, creations, created);

        // Rows: nothing that existed changed (but what a tenant created under a taken name, which
        // settles on its own), and every new row is a creation of that same tenant.
        const { changed, added } = snapshotDiff(before, await snapshotTenants(db, [tenantIds.a, tenantIds.b]));
        const sideOf = (tenantId: number): Side => (tenantId === tenantIds.a ? 'a' : 'b');
        const ownCollision = (row: SnapshotRow) => row.name !== undefined && collided[sideOf(row.tenantId)].has(row.name);
        expect(changed.filter((row) => !ownCollision(row.before)).map((row) => `${row.before.state} → ${row.after?.state ?? 'gone'}`)).toEqual([]);
        expect(added.filter((row) => !row.name || !created.get(sideOf(row.tenantId))!.has(row.name)).map((row) => `${row.table}/${row.id} ${row.name}`)).toEqual([]);

        // Events: none from an attack or a read; a creation's only in its own tenant.
        const events = await db.query('SELECT correlation_id, tenant_id, type, subject FROM outbox_events WHERE correlation_id = ANY($1)', [[...attacks, ...creations.keys()]]);
        const stray = events.rows.filter((e) => !creations.has(e.correlation_id) || sideOf(e.tenant_id) !== creations.get(e.correlation_id) || ![tenantIds.a, tenantIds.b].includes(e.tenant_id));
        expect(stray).toEqual([]);
      }),
      {
        seed: SEED,
        numRuns: RUNS,
        // Every run changes the fleets a little (collisions), so a failing sequence is reported as
        // it ran rather than shrunk against a different state.
        endOnFailure: true,
        reporter: (details) => {
          if (!details.failed) return;
          const ops = (details.counterexample?.[0] as Operation[] | undefined)?.map(describeOperation) ?? [];
          throw new Error(`seed ${SEED}, run ${details.numRuns}: ${String(details.errorInstance)}\noperations:\n  ${ops.join('\n  ')}`);
        },
      },
    );
    process.stdout.write(`tenant isolation: seed ${SEED}, ${RUNS} runs, ${counts.attack} cross-tenant calls, ${counts.read} reads, ${counts.collide} name collisions\n`);
    expect(counts.attack).toBeGreaterThan(RUNS);
  });
});
