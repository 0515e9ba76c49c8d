import { connect, type NatsConnection } from 'nats';
import { Pool } from 'pg';
import { http, signTestToken, TestSystem, testInfrastructure, uniqueTenant, waitFor, type HttpResult, type ServiceName, type TestTenant } from '@clusterplane/testing';

export const BASE = '/api/v1alpha1';

export interface FluidstackCallOptions {
  body?: unknown;
  /** `X-PROJECT-ID`; null sends none. Defaults to the session's project. */
  project?: string | null;
  /** null sends no token. Defaults to the session's token. */
  token?: string | null;
  headers?: Record<string, string>;
}

export type FluidstackCall = <T = Record<string, unknown>>(method: string, path: string, options?: FluidstackCallOptions) => Promise<HttpResult<T>>;

/**
 * An HTTP client for the Fluidstack routes that fails the test on any error whose body is not
 * exactly `{message}` (seed 004), whatever produced it: a handler, a guard or Fastify itself.
 */
export function fluidstackClient(gatewayUrl: () => string, defaults: () => { token: string; project?: string }): FluidstackCall {
  return async <T>(method: string, path: string, options: FluidstackCallOptions = {}) => {
    const { token, project } = defaults();
    const headers: Record<string, string> = { ...(options.headers ?? {}) };
    const projectId = options.project === undefined ? project : options.project;
    if (projectId !== null && projectId !== undefined) headers['x-project-id'] = projectId;
    const response = await http<T>(gatewayUrl(), method, `${BASE}${path}`, { token: options.token === null ? undefined : (options.token ?? token), body: options.body, headers });
    if (response.status >= 400) expectMessageBody(response);
    return response;
  };
}

export function expectMessageBody(response: HttpResult<unknown>): void {
  const body = response.body as Record<string, unknown>;
  if (typeof body !== 'object' || body === null || Object.keys(body).join() !== 'message' || typeof body['message'] !== 'string') {
    throw new Error(`error ${response.status} does not have the body {message}: ${JSON.stringify(response.body)}`);
  }
}

/** Provider resources created for `ownerId` (cluster, instance or filesystem) that no delete effect matches. */
export async function providerLeaks(db: Pool, ownerId: string): Promise<string[]> {
  const { rows } = await db.query(
    `SELECT c.operation FROM provider_effects c WHERE c.resource_id = $1 AND c.operation LIKE '%.create'
       AND NOT EXISTS (SELECT 1 FROM provider_effects d WHERE d.resource_id = c.external_id AND d.operation LIKE '%.delete')`,
    [ownerId],
  );
  return rows.map((r) => r.operation as string);
}

/** Polls a GET until `accept` holds for its body; returns that body. */
export async function waitForResource<T>(call: FluidstackCall, path: string, description: string, accept: (body: T) => boolean, timeoutMs = 30_000): Promise<T> {
  return waitFor(description, async () => {
    const response = await call<T>('GET', path);
    return response.status === 200 && accept(response.body) ? response.body : undefined;
  }, { timeoutMs, intervalMs: 100 });
}

/** Polls a GET until it answers 404 (the resource is gone). */
export async function waitForGone(call: FluidstackCall, path: string, timeoutMs = 30_000): Promise<void> {
  await waitFor(`${path} gone`, async () => (await call('GET', path)).status === 404, { timeoutMs, intervalMs: 100 });
}

export interface FluidstackTest {
  system: TestSystem;
  db: Pool;
  nc: NatsConnection;
  tenant: TestTenant;
  token: string;
  /** Calls as the tenant's admin in `projects[0]` unless told otherwise. */
  call: FluidstackCall;
  /** Projects created for the file, in the order their names were given. */
  projects: string[];
  stop(): Promise<void>;
}

/**
 * One test file's system (its own subject root, stream and queue prefix), a database pool, a
 * NATS connection for events, a tenant with a token, and its projects.
 */
export async function startFluidstack(
  label: string,
  options: { env?: Record<string, string>; serviceEnv?: Partial<Record<ServiceName, Record<string, string>>>; projects?: string[] } = {},
): Promise<FluidstackTest> {
  const env = { JOB_BACKOFF_MS: '20', SIM_AGENT_INTERVAL_MS: '300', DELETE_RECHECK_MS: '200', ...options.env };
  const system = await TestSystem.start({ label, env, serviceEnv: options.serviceEnv });
  const db = new Pool({ connectionString: testInfrastructure().databaseUrl, max: 2 });
  const nc = await connect({ servers: testInfrastructure().natsUrl });
  const tenant = uniqueTenant(label);
  const token = await signTestToken(tenant);
  const projects: string[] = [];
  const call = fluidstackClient(() => system.gatewayUrl, () => ({ token, project: projects[0] }));
  for (const name of options.projects ?? []) {
    const created = await call<{ id: string }>('POST', '/projects', { body: { name } });
    if (created.status !== 201) throw new Error(`project ${name} not created: ${created.status} ${JSON.stringify(created.body)}`);
    projects.push(created.body.id);
  }
  return {
    system,
    db,
    nc,
    tenant,
    token,
    call,
    projects,
    stop: async () => {
      await system.stop();
      await db.end();
      await nc.drain();
    },
  };
}
