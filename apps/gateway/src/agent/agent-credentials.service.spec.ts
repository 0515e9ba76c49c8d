import { deriveClientSecret } from '@clusterplane/domain';
import type { ClusterReadRepository } from '@clusterplane/persistence';
import type { GatewayConfig } from '../gateway.config';
import { AgentCredentials } from './agent-credentials.service';

const KEY = 'server-key-that-is-long-enough-0123456789';
const ID = '3f2b8c1e-0000-4000-8000-000000000001';

type Row = { id: string; tenantId: number; secretVersion: number; secretRevokedAt: Date | null; deletedAt: Date | null };

function setup(row: Row | null, cacheMs = 60_000) {
  const stored = { row };
  const findAgentCredentials = jest.fn(async (ids: string[]) => (stored.row ? ids.filter((id) => id === stored.row!.id).map(() => stored.row!) : []));
  const credentials = new AgentCredentials({ findAgentCredentialsMany: findAgentCredentials } as unknown as ClusterReadRepository, { agentSecretKey: KEY, agentAuthCacheMs: cacheMs } as GatewayConfig);
  return { credentials, findAgentCredentials, stored };
}

const row = (extra: Partial<Row> = {}): Row => ({ id: ID, tenantId: 7, secretVersion: 1, secretRevokedAt: null, deletedAt: null, ...extra });
const secret = (version = 1) => deriveClientSecret(KEY, ID, version);

describe('AgentCredentials', () => {
  it('verifies the derived secret and remembers the identity', async () => {
    const { credentials, findAgentCredentials } = setup(row());
    expect(await credentials.authenticate(ID, secret())).toMatchObject({ clusterId: ID, tenantId: 7, secretVersion: 1, deleted: false, revoked: false });
    expect(await credentials.authenticate(ID, secret())).not.toBeNull();
    expect(findAgentCredentials).toHaveBeenCalledTimes(1);
  });

  it('refuses a wrong secret and an unknown cluster', async () => {
    expect(await setup(row()).credentials.authenticate(ID, 'wrong')).toBeNull();
    expect(await setup(null).credentials.authenticate(ID, secret())).toBeNull();
  });

  it('checks Postgres again when a secret does not match what it remembers (a rotated secret works at once)', async () => {
    const { credentials, findAgentCredentials, stored } = setup(row());
    await credentials.authenticate(ID, secret(1));
    stored.row = row({ secretVersion: 2 });
    expect(await credentials.authenticate(ID, secret(2))).toMatchObject({ secretVersion: 2 });
    expect(await credentials.authenticate(ID, secret(1))).toBeNull();
    expect(findAgentCredentials).toHaveBeenCalledTimes(3);
  });

  it('reports deleted and revoked clusters as such', async () => {
    expect(await setup(row({ deletedAt: new Date() })).credentials.authenticate(ID, secret())).toMatchObject({ deleted: true });
    expect(await setup(row({ secretRevokedAt: new Date() })).credentials.authenticate(ID, secret())).toMatchObject({ revoked: true });
  });

  it('reads afresh after forget, and on every report when the cache is off', async () => {
    const { credentials, findAgentCredentials } = setup(row());
    await credentials.authenticate(ID, secret());
    credentials.forget(ID);
    await credentials.authenticate(ID, secret());
    expect(findAgentCredentials).toHaveBeenCalledTimes(2);

    const off = setup(row(), 0);
    await off.credentials.authenticate(ID, secret());
    await off.credentials.authenticate(ID, secret());
    expect(off.findAgentCredentials).toHaveBeenCalledTimes(2);
  });

  it('reads the misses of one turn with one query, so a flood of agents after a restart costs one read', async () => {
    const { credentials, findAgentCredentials } = setup(row());
    const answers = await Promise.all(Array.from({ length: 50 }, () => credentials.authenticate(ID, secret())));
    expect(answers.every((a) => a?.clusterId === ID)).toBe(true);
    expect(findAgentCredentials).toHaveBeenCalledTimes(1);
    expect(findAgentCredentials).toHaveBeenCalledWith([ID]);
  });
});
