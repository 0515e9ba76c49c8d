// Bearer tokens for the HTTP benchmarks, signed like the identity provider's (HS256 with the
// run's JWT_SECRET, see benchEnv): subject, tenant id and slug, roles.
import { SignJWT } from 'jose';

export async function signBenchToken(env, tenant, roles = ['admin']) {
  return new SignJWT({ tenant_id: tenant.id, tenant: tenant.slug, roles })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(`bench@${tenant.slug}`)
    .setIssuedAt()
    .setExpirationTime('2h')
    .sign(new TextEncoder().encode(env.JWT_SECRET));
}
