#!/usr/bin/env node
// npm run ops -- <verb>: the operators' API from a terminal, plus the event stream.
//   queues | failed <queue> [--limit N] | retry <queue> <jobId> | replay <queue> [--limit N]
//   reconcile | orphans [--limit N] | collect-orphans
//   events tail [--subject cluster.ready] | events replay --since 1h [--subject cluster.>]
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { parseSince, readEvents } from './lib/event-stream.mjs';
import { fail, ok, progress, step } from './lib/log.mjs';
import { table } from './lib/table.mjs';
import { devSecrets, signToken } from './lib/token.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { limit: { type: 'string', default: '50' }, since: { type: 'string' }, subject: { type: 'string' }, json: { type: 'boolean', default: false } },
});
const gateway = (process.env.GATEWAY_URL ?? 'http://127.0.0.1:3000').replace(/\/$/, '');

async function token() {
  return process.env.CLUSTERPLANE_TOKEN ?? signToken({ secret: devSecrets(root).JWT_SECRET, tenant: 'operators', role: 'ops', ttlSeconds: 600 });
}

async function call(method, path) {
  let response;
  try {
    response = await fetch(`${gateway}${path}`, { method, headers: { authorization: `Bearer ${await token()}` } });
  } catch {
    throw new Error(`the gateway at ${gateway} does not answer (is \`npm start\` running? set GATEWAY_URL otherwise)`);
  }
  const body = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(`${method} ${path} → ${response.status}: ${body.message ?? JSON.stringify(body)}`);
  return body;
}

const print = (data, columns) => process.stdout.write(`${values.json ? JSON.stringify(data, null, 2) : table(data, columns)}\n`);
const need = (value, what) => {
  if (!value) throw new Error(`missing ${what}; see the usage at the top of scripts/ops.mjs`);
  return value;
};

const verbs = {
  async queues() {
    const rows = await call('GET', '/ops/api/queues');
    print(rows, ['waiting', 'active', 'delayed', 'failed', 'completed'].reduce((cols, state) => [...cols, { title: state, value: (r) => r.counts[state] ?? 0 }], [{ title: 'queue', value: (r) => r.queue }]));
  },
  async failed() {
    const rows = await call('GET', `/ops/api/queues/${need(positionals[1], 'queue')}/failed?limit=${values.limit}`);
    print(rows, [{ title: 'job id', value: (r) => r.id, max: 60 }, { title: 'name', value: (r) => r.name }, { title: 'attempts', value: (r) => r.attempts }, { title: 'failed at', value: (r) => r.failedAt }, { title: 'error', value: (r) => r.error, max: 70 }]);
  },
  async retry() {
    const result = await call('POST', `/ops/api/queues/${need(positionals[1], 'queue')}/jobs/${encodeURIComponent(need(positionals[2], 'job id'))}/retry`);
    ok(`retried ${result.retried}`);
  },
  async replay() {
    const queue = need(positionals[1], 'queue');
    step(`replaying up to ${values.limit} failed jobs of ${queue}`);
    const result = await call('POST', `/ops/api/queues/${queue}/replay?limit=${values.limit}`);
    ok(`replayed ${result.replayed}; ${result.remaining} still failed`);
  },
  async reconcile() {
    const result = await call('POST', '/ops/api/reconcile');
    ok(`triggered ${result.triggered.join(', ')}`);
  },
  async orphans() {
    print(await call('GET', `/ops/api/orphans?limit=${values.limit}`), [{ title: 'cluster', value: (r) => r.clusterId }, { title: 'kind', value: (r) => r.kind }, { title: 'external id', value: (r) => r.externalId }, { title: 'attempts', value: (r) => r.attempts }, { title: 'last error', value: (r) => r.lastError, max: 60 }]);
  },
  async 'collect-orphans'() {
    const result = await call('POST', '/ops/api/orphans/collect');
    ok(`${result.clusters} cluster(s) with orphans; ${result.enqueued} collection job(s) started`);
  },
  async events() {
    const mode = need(positionals[1], 'tail or replay');
    if (mode !== 'tail' && mode !== 'replay') throw new Error(`events ${mode}: use 'events tail' or 'events replay --since 1h'`);
    const since = mode === 'replay' ? parseSince(need(values.since, '--since (e.g. 1h)')) : undefined;
    const settings = { natsUrl: process.env.NATS_URL ?? 'nats://127.0.0.1:4222', stream: process.env.EVENT_STREAM ?? 'CLUSTERPLANE_EVENTS', subjectRoot: process.env.SUBJECT_ROOT ?? 'clusterplane' };
    step(mode === 'tail' ? `tailing ${settings.stream} (Ctrl-C to stop)` : `replaying ${settings.stream} since ${since.toISOString()}`);
    const seen = await readEvents({
      ...settings,
      subject: values.subject,
      since,
      follow: mode === 'tail',
      onEvent: (e, seq) => process.stdout.write(values.json ? `${JSON.stringify(e)}\n` : `${String(seq).padStart(8)}  ${e.occurredAt}  ${e.type.padEnd(26)} ${e.subject}  tenant ${e.tenantId}\n`),
      onProgress: (n, pending) => progress(`${n} events, ${pending} to go`),
    });
    ok(`${seen} event(s)`);
  },
};

const verb = positionals[0];
if (!verb || !verbs[verb]) {
  fail(`usage: npm run ops -- <${Object.keys(verbs).join('|')}> …`);
  process.exit(2);
}
verbs[verb]().catch((error) => {
  fail(error.message);
  process.exit(1);
});
