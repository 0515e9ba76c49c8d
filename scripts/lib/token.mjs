// Signs development tokens (HS256) the gateway accepts. Tenant ids are derived from the slug
// so the same slug always maps to the same tenant.
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export const ROLES = ['admin', 'editor', 'viewer', 'ops'];

/** Stable positive int32 per slug, above 1000 so it never collides with small hand-made ids. */
export function tenantIdForSlug(slug) {
  return 1000 + (parseInt(createHash('sha256').update(slug).digest('hex').slice(0, 8), 16) % 2_000_000_000);
}

export async function signToken({ secret, tenant, role = 'admin', subject, ttlSeconds = 12 * 3600 }) {
  const { SignJWT } = await import('jose');
  return new SignJWT({ tenant_id: tenantIdForSlug(tenant), tenant, roles: role.split(',') })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(subject ?? `${role.split(',')[0]}@${tenant}`)
    .setIssuedAt()
    .setExpirationTime(`${ttlSeconds}s`)
    .sign(new TextEncoder().encode(secret));
}

/**
 * Development secrets live in .local/dev-secrets.json, created once, so `npm start` and
 * `npm run token` agree without anyone choosing a secret. Environment variables win.
 */
export function devSecrets(root) {
  if (process.env.JWT_SECRET && process.env.AGENT_SECRET_KEY) {
    return { JWT_SECRET: process.env.JWT_SECRET, AGENT_SECRET_KEY: process.env.AGENT_SECRET_KEY };
  }
  const file = join(root, '.local', 'dev-secrets.json');
  let stored = {};
  if (existsSync(file)) stored = JSON.parse(readFileSync(file, 'utf8'));
  else {
    stored = { JWT_SECRET: randomBytes(32).toString('base64url'), AGENT_SECRET_KEY: randomBytes(32).toString('base64url') };
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify(stored, null, 2), { mode: 0o600 });
  }
  return {
    JWT_SECRET: process.env.JWT_SECRET || stored.JWT_SECRET,
    AGENT_SECRET_KEY: process.env.AGENT_SECRET_KEY || stored.AGENT_SECRET_KEY,
  };
}
