import { randomBytes } from 'node:crypto';

/**
 * Where the test servers are: `npm test` sets these after its infrastructure step and creates
 * a database of its own, so tests never touch a running development stack.
 */
export interface TestInfrastructure {
  databaseUrl: string;
  redisUrl: string;
  natsUrl: string;
}

export function testInfrastructure(): TestInfrastructure {
  const databaseUrl = process.env['TEST_DATABASE_URL'];
  if (!databaseUrl) throw new Error('TEST_DATABASE_URL is not set: run the integration tests through `npm test`');
  return {
    databaseUrl,
    redisUrl: process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379',
    natsUrl: process.env['NATS_URL'] ?? 'nats://127.0.0.1:4222',
  };
}

/** Names for one test file's private slice of Redis, NATS and JetStream. */
export interface Isolation {
  subjectRoot: string;
  eventStream: string;
  queuePrefix: string;
}

export function isolation(label: string): Isolation {
  const id = `${label}${randomBytes(3).toString('hex')}`.toLowerCase().replace(/[^a-z0-9]/g, '');
  return { subjectRoot: `cpt${id}`, eventStream: `CPT_${id.toUpperCase()}_EVENTS`, queuePrefix: `{cpt${id}}` };
}
