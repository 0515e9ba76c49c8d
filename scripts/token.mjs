#!/usr/bin/env node
// npm run token -- --tenant acme --role admin   → prints a signed bearer token on its last line.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { devSecrets, ROLES, signToken, tenantIdForSlug } from './lib/token.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: {
    tenant: { type: 'string', default: 'acme' },
    role: { type: 'string', default: 'admin' },
    subject: { type: 'string' },
    ttl: { type: 'string', default: '43200' },
  },
});

const roles = values.role.split(',');
const unknown = roles.filter((r) => !ROLES.includes(r));
if (unknown.length > 0 || !/^[a-z0-9][a-z0-9-]{0,62}$/.test(values.tenant)) {
  process.stderr.write(`✖ usage: npm run token -- --tenant <slug: a-z 0-9 -> --role <${ROLES.join('|')}>[,role...]\n`);
  process.exit(2);
}
const token = await signToken({ secret: devSecrets(root).JWT_SECRET, tenant: values.tenant, role: values.role, subject: values.subject, ttlSeconds: Number(values.ttl) });
process.stderr.write(`tenant ${values.tenant} (id ${tenantIdForSlug(values.tenant)}), roles ${roles.join(', ')}, valid ${values.ttl} s\n`);
process.stdout.write(`${token}\n`);
