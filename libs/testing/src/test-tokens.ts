import { randomInt } from 'node:crypto';
import { SignJWT } from 'jose';
import type { Role } from '@clusterplane/contracts';

export const TEST_JWT_SECRET = 'test-jwt-secret-that-is-long-enough-0123456789';
export const TEST_AGENT_SECRET_KEY = 'test-agent-key-that-is-long-enough-0123456789';

export interface TestTenant {
  id: number;
  slug: string;
}

let tenantCounter = 0;
// Test files run one after another in one process (--runInBand), each with its own copy of
// this module and so its own counter: a random salt per copy keeps their tenants apart.
const tenantSalt = randomInt(0, 1_000_000);

/** A tenant no other test uses, so tests sharing one database never see each other's rows. */
export function uniqueTenant(prefix = 't'): TestTenant {
  tenantCounter++;
  const id = 100_000 + ((tenantSalt * 1000 + tenantCounter) % 1_900_000_000);
  return { id, slug: `${prefix}-${tenantSalt}-${tenantCounter}`.toLowerCase() };
}

export async function signTestToken(tenant: TestTenant, roles: Role[] = ['admin'], secret = TEST_JWT_SECRET): Promise<string> {
  return new SignJWT({ tenant_id: tenant.id, tenant: tenant.slug, roles })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(`user@${tenant.slug}`)
    .setIssuedAt()
    .setExpirationTime('1h')
    .sign(new TextEncoder().encode(secret));
}
