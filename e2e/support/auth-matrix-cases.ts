import { randomBytes } from 'node:crypto';
import type { Role } from '@clusterplane/contracts';
import { http, type HttpResult } from '@clusterplane/testing';
import type { TokenClaims } from './auth-tokens';
import { expectDialectError } from './dialect-errors';
import { buildRequest, type BuiltRequest, type RouteSpec } from './route-inventory';
import { idRenames, type Fleet, type FleetIds, type FleetKey } from './tenant-fleet';

/** One gateway under test and what the cases need to call it. */
export interface MatrixTarget {
  gatewayUrl: string;
  /** Tenant A owns the resources every case addresses; B is the other tenant. */
  a: Fleet;
  b: Fleet;
  /** A valid token of this gateway's issuer (claims bent to forge an invalid one). */
  token(fleet: Fleet, roles: Role[], claims?: TokenClaims): Promise<string>;
}

/** A way of presenting credentials that must be refused with 401. */
export interface Forgery {
  name: string;
  credential(target: MatrixTarget): Promise<string | undefined>;
}

export interface MatrixCase {
  name: string;
  run(): Promise<void>;
}

export const unique = (): string => `m${randomBytes(5).toString('hex')}`;

export function send(gatewayUrl: string, request: BuiltRequest, credential?: string): Promise<HttpResult<unknown>> {
  return http(gatewayUrl, request.method, request.path, { token: credential, headers: request.headers, body: request.body });
}

function describeAnswer(response: HttpResult<unknown>): string {
  return `${response.status} ${JSON.stringify(response.body).slice(0, 300)}`;
}

function expectStatus(response: HttpResult<unknown>, expected: number | '2xx'): void {
  const ok = expected === '2xx' ? response.status >= 200 && response.status < 300 : response.status === expected;
  if (!ok) throw new Error(`expected ${expected}, got ${describeAnswer(response)}`);
}

/** Sends `request` and expects `status` in the dialect's error body. */
async function expectRefusal(route: RouteSpec, gatewayUrl: string, request: BuiltRequest, credential: string | undefined, status: number): Promise<HttpResult<unknown>> {
  const response = await send(gatewayUrl, request, credential);
  expectStatus(response, status);
  expectDialectError(route.dialect, response);
  return response;
}

/** Every forgery on a route that needs a token: 401 in the dialect's body. */
export function forgeryCases(route: RouteSpec, target: () => MatrixTarget, forgeries: Forgery[]): MatrixCase[] {
  return forgeries.map((forgery) => ({
    name: `${route.key} · ${forgery.name} → 401`,
    run: async () => {
      const t = target();
      await expectRefusal(route, t.gatewayUrl, buildRequest(route, t.a.ids, unique()), await forgery.credential(t), 401);
    },
  }));
}

const ROLES: Role[] = ['admin', 'editor', 'viewer', 'ops'];

/**
 * Each single role on a route: refused with 403 when the route needs another, answered 2xx on a
 * read it may make. Allowed mutations are left to the dialect tests (they change the fleet).
 */
export function roleCases(route: RouteSpec, target: () => MatrixTarget, options: { allowedReads: boolean } = { allowedReads: true }): MatrixCase[] {
  if (route.access.kind !== 'roles') return [];
  const allowed = route.access.roles;
  return ROLES.flatMap((role): MatrixCase[] => {
    if (!allowed.includes(role)) {
      return [{
        name: `${route.key} · ${role} → 403`,
        run: async () => {
          const t = target();
          await expectRefusal(route, t.gatewayUrl, buildRequest(route, t.a.ids, unique()), await t.token(t.a, [role]), 403);
        },
      }];
    }
    if (route.mutates || !options.allowedReads) return [];
    return [{
      name: `${route.key} · ${role} → 2xx`,
      run: async () => {
        const t = target();
        expectStatus(await send(t.gatewayUrl, buildRequest(route, t.a.ids, unique()), await t.token(t.a, [role])), '2xx');
      },
    }];
  });
}

const pick = (ids: FleetIds, keys: FleetKey[]): Partial<FleetIds> => Object.fromEntries(keys.map((key) => [key, ids[key]]));

/**
 * The answer for `victim`'s ids must be the answer for ids that name nothing, byte for byte
 * once each id is swapped for its stand-in: same status, same body, nothing of the victim's.
 * `expected` is the status both must have, or `refused` for any 4xx.
 */
export async function expectIndistinguishable(
  route: RouteSpec,
  gatewayUrl: string,
  credential: string,
  requests: { victim: BuiltRequest; missing: BuiltRequest },
  renames: [string, string][],
  expected: number | 'refused',
): Promise<HttpResult<unknown>> {
  const [victim, missing] = await Promise.all([send(gatewayUrl, requests.victim, credential), send(gatewayUrl, requests.missing, credential)]);
  if (expected === 'refused' ? victim.status < 400 || victim.status >= 500 : victim.status !== expected) {
    throw new Error(`another tenant's ${route.key}: expected ${expected}, got ${describeAnswer(victim)}`);
  }
  expectDialectError(route.dialect, victim);
  let body = JSON.stringify(victim.body);
  for (const [from, to] of renames) body = body.split(from).join(to);
  if (victim.status !== missing.status || body !== JSON.stringify(missing.body)) {
    throw new Error(`another tenant's ${route.key} answers ${describeAnswer(victim)}, a missing one ${describeAnswer(missing)}`);
  }
  return victim;
}

/** The keys a cross-tenant call takes from the victim: the resources in its path, or everything (its scope too). */
export type CrossTenantVariant = 'resources' | 'scope';

/** The attacker's request with the victim's ids swapped in, and the same request with ids that name nothing. */
export function crossTenantRequests(route: RouteSpec, variant: CrossTenantVariant, attacker: FleetIds, victim: FleetIds, missing: FleetIds, requestUnique: string): { victim: BuiltRequest; missing: BuiltRequest } {
  const keys = variant === 'resources' ? route.resources : (Object.keys(victim) as FleetKey[]);
  return { victim: buildRequest(route, { ...attacker, ...pick(victim, keys) }, requestUnique), missing: buildRequest(route, { ...attacker, ...pick(missing, keys) }, requestUnique) };
}

/**
 * Tenant B's admin on tenant A's resources (its own project or account around them), and on
 * A's project or account itself: the answer is exactly what ids that name nothing get — 404,
 * or 403 for a Fluidstack project that is not the caller's (SPEC section 3).
 */
export function crossTenantCases(route: RouteSpec, target: () => MatrixTarget, missingIds: () => FleetIds): MatrixCase[] {
  if (route.access.kind !== 'roles' || route.access.roles.includes('ops')) return [];
  const cases: MatrixCase[] = [];
  const run = async (variant: CrossTenantVariant, expected: number) => {
    const t = target();
    const missing = missingIds();
    const requests = crossTenantRequests(route, variant, t.b.ids, t.a.ids, missing, unique());
    await expectIndistinguishable(route, t.gatewayUrl, await t.token(t.b, ['admin']), requests, idRenames(t.a.ids, missing), expected);
  };
  if (route.resources.length > 0) cases.push({ name: `${route.key} · another tenant's resource → 404 as if missing`, run: () => run('resources', 404) });
  if (route.scope) {
    const expected = route.scope === 'project' ? 403 : 404;
    cases.push({ name: `${route.key} · another tenant's ${route.scope} → ${expected} as if missing`, run: () => run('scope', expected) });
  }
  return cases;
}

/**
 * Starts every case, at most `concurrency` at a time, so a matrix of thousands of rows takes
 * seconds; each row's test then awaits its own outcome: the error it failed with, if any.
 */
export function startCases(cases: MatrixCase[], concurrency: number): Map<string, Promise<unknown>> {
  const outcomes = new Map<string, Promise<unknown>>();
  const waiting: (() => void)[] = [];
  let running = 0;
  const slot = (): Promise<void> => {
    if (running < concurrency) {
      running++;
      return Promise.resolve();
    }
    return new Promise((resolve) => waiting.push(resolve));
  };
  const release = (): void => {
    const next = waiting.shift();
    if (next) next();
    else running--;
  };
  for (const matrixCase of cases) {
    if (outcomes.has(matrixCase.name)) throw new Error(`two matrix rows are named ${matrixCase.name}`);
    outcomes.set(matrixCase.name, slot().then(() => matrixCase.run().then(() => undefined, (error: unknown) => error).finally(release)));
  }
  return outcomes;
}

/** A row's test: fails with the error its case ended with. */
export async function outcomeOf(outcomes: Map<string, Promise<unknown>> | undefined, name: string): Promise<void> {
  const pending = outcomes?.get(name);
  if (!pending) throw new Error(`matrix row ${name} never started`);
  const outcome = await pending;
  if (outcome !== undefined) throw outcome;
}
