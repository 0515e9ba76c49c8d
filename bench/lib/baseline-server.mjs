// The baselines of the HTTP benchmarks, as their own process (the load generator must not share
// its event loop): a bare Fastify server on `pg` that does what the product's request does
// underneath, and nothing else: no auth, no validation, no NATS, no framework.
//   BASELINE=read:   GET /api/v1/clusters/:uuid → the primary-key query the product runs, the row as JSON.
//   BASELINE=create: POST /api/v1/clusters → the product's create statement (cluster row and
//                    outbox row, one round trip) and the same BullMQ add, answered with the row.
// Reports its port to the parent over IPC once it listens.
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import Fastify from 'fastify';
import { Redis } from 'ioredis';
import pg from 'pg';

const { BASELINE, DATABASE_URL, REDIS_URL, QUEUE_PREFIX, DB_POOL_SIZE, TENANT_ID, DIST } = process.env;
const tenantId = Number(TENANT_ID);
const pool = new pg.Pool({ connectionString: DATABASE_URL, max: Number(DB_POOL_SIZE) });
const app = Fastify({ logger: false });
/** Run on SIGTERM: what the baseline left in Redis. */
const cleanups = [];

if (BASELINE === 'read') {
  app.get('/api/v1/clusters/:uuid', async (request, reply) => {
    // A named statement, as the product's: parsed and planned once per connection.
    const { rows } = await pool.query({ name: 'find', text: 'SELECT * FROM clusters WHERE id = $1 AND tenant_id = $2 AND deleted_at IS NULL', values: [request.params.uuid, tenantId] });
    if (rows.length === 0) return reply.status(404).send({ code: 404, message: 'not found' });
    return rows[0];
  });
} else if (BASELINE === 'create') {
  // The product's own job options (attempts, backoff, retention), so both adds write the same keys.
  const { jobOptions } = createRequire(import.meta.url)(join(DIST, 'libs/queues/src/queue-registry.service.js'));
  const connection = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
  const queue = new Queue('provisioning', { connection, prefix: QUEUE_PREFIX });
  cleanups.push(() => queue.obliterate({ force: true }).then(() => queue.close()).then(() => connection.disconnect()));
  app.post('/api/v1/clusters', async (request, reply) => {
    const { name, domain = null, version = null } = request.body;
    const id = randomUUID();
    const correlationId = randomUUID();
    // The product's statement: the cluster row and its outbox row in one round trip.
    const { rows: [row] } = await pool.query(
      `WITH created AS (
         INSERT INTO clusters (id, tenant_id, name, display_name, domain, agent_version, origin, kind, provider, tags, created_by)
         VALUES ($1, $2, $3, NULL, $4, $5, 'registered', 'kubernetes', 'generic', '{}', $6) RETURNING *),
       announced AS (
         INSERT INTO outbox_events (id, type, subject, tenant_id, resource_id, data, correlation_id)
         SELECT $7, 'cluster.created', 'cluster/' || id, tenant_id, id::text, $8, $9 FROM created)
       SELECT * FROM created`,
      [id, tenantId, name, domain, version, 'bench@baseline', randomUUID(), { name, origin: 'registered', kind: 'kubernetes', createdBy: 'bench@baseline' }, correlationId],
    );
    await queue.add('cluster.provision', { correlationId, clusterId: id, generation: row.generation }, jobOptions('provisioning', { jobId: `${id}.provision.g${row.generation}` }));
    return reply.status(201).send(row);
  });
} else {
  throw new Error(`BASELINE must be read or create, not ${BASELINE}`);
}

await app.listen({ port: 0, host: '127.0.0.1' });
process.send({ port: app.server.address().port });
process.on('SIGTERM', async () => {
  await app.close();
  await pool.end();
  for (const cleanup of cleanups) await cleanup();
  process.exit(0);
});
