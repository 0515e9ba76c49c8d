// Infrastructure step shared by `npm start`, `npm test` and `node scripts/infra.mjs`.
//
// Makes sure Postgres, Redis and NATS (with JetStream) answer, in this order of
// preference for each service:
//   1. reuse what the env var (DATABASE_URL, REDIS_URL, NATS_URL) or the default
//      loopback address points at, or what an earlier run started under .local/;
//   2. start a local server from binaries found on this machine (data in .local/);
//   3. as root with apt-get: install the Debian package, then do 2;
//   4. `docker compose up -d` the service from docker-compose.yml;
//   5. fail with a message that names what to install.
//
// Node built-ins only: this runs before `npm install` may have finished.

import { execFileSync, spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import tls from 'node:tls';
import { fileURLToPath } from 'node:url';
import * as defaultLog from './log.mjs';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const LOCAL_DIR = path.join(REPO_ROOT, '.local');

const PROBE_TIMEOUT_MS = 1_000;
const START_TIMEOUT_MS = 30_000;
const DOCKER_START_TIMEOUT_MS = 90_000; // first start of a postgres image runs initdb
const STOP_TIMEOUT_MS = 20_000;
const LOCK_TIMEOUT_MS = 120_000; // another process may be in the middle of an apt-get install
const POLL_MS = 200;
const NOTICE_EVERY_MS = 5_000;
const SERVICE_NAMES = ['postgres', 'redis', 'nats'];
const isRoot = () => process.getuid?.() === 0;

// ───────────────────────────── probes ─────────────────────────────

/**
 * Opens a TCP (or TLS) connection, sends `request`, and feeds every received
 * chunk to `interpret(buffer)` until it returns a result. Never throws: any
 * failure becomes `{ ok: false, detail }`.
 */
function converse({ host, port, useTls = false, request, interpret, farewell, timeoutMs = PROBE_TIMEOUT_MS }) {
  return new Promise((resolve) => {
    let received = Buffer.alloc(0);
    let settled = false;
    const socket = useTls
      ? tls.connect({ host, port, servername: net.isIP(host) ? undefined : host, rejectUnauthorized: false })
      : net.connect({ host, port });
    const finish = (result) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      // Say goodbye when the protocol has a way to (so the server logs nothing), then hang up.
      if (farewell && socket.writable) socket.end(farewell, () => socket.destroy());
      else socket.destroy();
      resolve(result);
    };
    const timer = setTimeout(
      () => finish({ ok: false, detail: `no answer from ${host}:${port} within ${timeoutMs} ms` }),
      timeoutMs,
    );
    socket.once(useTls ? 'secureConnect' : 'connect', () => request && socket.write(request));
    socket.on('data', (chunk) => {
      received = Buffer.concat([received, chunk]);
      const result = interpret(received);
      if (result) finish(result);
    });
    socket.on('error', (err) => finish({ ok: false, detail: `cannot connect to ${host}:${port} (${err.code ?? err.message})` }));
    socket.on('close', () => finish({ ok: false, detail: `${host}:${port} closed the connection without a usable reply` }));
  });
}

/** Splits a service URL into host/port; accepts `host:port` without a scheme too. */
function parseTarget(url, defaultPort) {
  const parsed = new URL(url.includes('://') ? url : `tcp://${url}`);
  return {
    parsed,
    host: parsed.hostname.replace(/^\[|\]$/g, '') || '127.0.0.1',
    port: Number(parsed.port) || defaultPort,
  };
}

/** Wraps a probe so a malformed URL yields `{ ok: false }` instead of an exception. */
async function safeProbe(url, probeFn) {
  try {
    return await probeFn();
  } catch (err) {
    return { ok: false, detail: `cannot use URL ${redactUrl(url)}: ${err.message}` };
  }
}

// PostgreSQL frontend/backend protocol 3.0. A StartupMessage is answered with
// 'R' (authentication request) or 'E' (ErrorResponse). Under trust auth 'R' 0
// (AuthenticationOk) is followed by either 'Z' (ReadyForQuery) or an 'E' such as
// "role does not exist", so we read on until one of those arrives.
const PG_PROTOCOL_3 = 196608;
const PG_AUTH_NAMES = { 3: 'asks for a password', 5: 'asks for an MD5 password', 10: 'asks for a SCRAM password' };
const PG_NOT_READY = '57P03'; // cannot_connect_now: starting up, shutting down or in recovery
const PG_MAX_MESSAGE = 1 << 20;

function pgStartupPacket(user, database) {
  const body = Buffer.from(`user\0${user}\0database\0${database}\0\0`, 'utf8');
  const header = Buffer.alloc(8);
  header.writeInt32BE(body.length + 8, 0);
  header.writeInt32BE(PG_PROTOCOL_3, 4);
  return Buffer.concat([header, body]);
}

function pgErrorFields(message) {
  const fields = {};
  for (let i = 5; i < message.length && message[i] !== 0; ) {
    const end = message.indexOf(0, i + 1);
    if (end < 0) break;
    fields[String.fromCharCode(message[i])] = message.toString('utf8', i + 1, end);
    i = end + 1;
  }
  return fields;
}

function interpretPostgresError(message) {
  const { C: sqlState = '', M: text = 'unknown error' } = pgErrorFields(message);
  if (sqlState === PG_NOT_READY) return { ok: false, detail: `PostgreSQL is not ready: ${text}` };
  // The server is up; whether the error matters is the caller's call (a missing database can be created).
  return { ok: true, detail: `PostgreSQL answered: ${text} (${sqlState})`, authRejected: sqlState.startsWith('28') };
}

function interpretPostgresReply(buf) {
  for (let offset = 0; buf.length >= offset + 5; ) {
    const type = String.fromCharCode(buf[offset]);
    const length = buf.readInt32BE(offset + 1);
    const isFirst = offset === 0;
    if ((isFirst && type !== 'R' && type !== 'E') || length < 4 || length > PG_MAX_MESSAGE) {
      return { ok: false, detail: `not a PostgreSQL server (unexpected reply 0x${buf[offset].toString(16)})` };
    }
    if (buf.length < offset + 1 + length) return undefined;
    const message = buf.subarray(offset, offset + 1 + length);
    if (type === 'E') return interpretPostgresError(message);
    if (type === 'Z') return { ok: true, detail: 'PostgreSQL accepted the connection' };
    if (type === 'R') {
      const code = message.readInt32BE(5);
      if (code !== 0) {
        return { ok: true, detail: `PostgreSQL ${PG_AUTH_NAMES[code] ?? `asks for authentication method ${code}`}`, needsPassword: true };
      }
    }
    offset += 1 + length; // AuthenticationOk, ParameterStatus, BackendKeyData, NoticeResponse: read on
  }
  return undefined;
}

/**
 * Postgres answers if a StartupMessage gets an authentication request or an
 * error back. `needsPassword` / `authRejected` let callers tell "answers" from
 * "this URL can actually log in".
 */
export async function probePostgres(url, { timeoutMs = PROBE_TIMEOUT_MS } = {}) {
  return safeProbe(url, () => {
    const { parsed, host, port } = parseTarget(url, 5432);
    const user = decodeURIComponent(parsed.username) || 'postgres';
    const database = decodeURIComponent(parsed.pathname.replace(/^\//, '')) || user;
    return converse({
      host,
      port,
      timeoutMs,
      request: pgStartupPacket(user, database),
      interpret: interpretPostgresReply,
      farewell: Buffer.from([0x58, 0, 0, 0, 4]), // Terminate, so the server logs no "unexpected EOF"
    });
  });
}

function respCommand(...parts) {
  return `*${parts.length}\r\n${parts.map((p) => `$${Buffer.byteLength(p)}\r\n${p}\r\n`).join('')}`;
}

/** Redis answers if PING (after AUTH when the URL has credentials) returns +PONG. */
export async function probeRedis(url, { timeoutMs = PROBE_TIMEOUT_MS } = {}) {
  return safeProbe(url, () => {
    const { parsed, host, port } = parseTarget(url, 6379);
    const user = decodeURIComponent(parsed.username);
    const password = decodeURIComponent(parsed.password);
    const auth = password ? respCommand('AUTH', ...(user ? [user] : []), password) : '';
    const expectedReplies = auth ? 2 : 1;
    return converse({
      host,
      port,
      timeoutMs,
      useTls: parsed.protocol === 'rediss:',
      request: auth + respCommand('PING'),
      interpret: (buf) => {
        const lines = buf.toString('utf8').split('\r\n');
        if (lines.length <= expectedReplies) return undefined;
        // Like Redis clients do, ignore a password the server does not ask for.
        const harmless = (line) => line.startsWith('+') || /without any password configured/.test(line);
        const failure = lines.slice(0, expectedReplies).find((line) => !harmless(line));
        if (failure?.startsWith('-NOAUTH')) {
          return { ok: false, detail: 'Redis requires a password; put it in REDIS_URL (redis://:password@host:port)' };
        }
        if (failure?.startsWith('-')) return { ok: false, detail: `Redis replied ${failure}` };
        if (failure) return { ok: false, detail: `not a Redis server (replied ${JSON.stringify(failure.slice(0, 40))})` };
        return lines[expectedReplies - 1] === '+PONG'
          ? { ok: true, detail: 'Redis answered PONG' }
          : { ok: false, detail: `Redis replied ${lines[expectedReplies - 1]}` };
      },
    });
  });
}

function interpretNatsInfo(buf) {
  const text = buf.toString('utf8');
  const end = text.indexOf('\r\n');
  if (end < 0) return text.length > 64 * 1024 ? { ok: false, detail: 'not a NATS server' } : undefined;
  const line = text.slice(0, end);
  if (!line.startsWith('INFO ')) return { ok: false, detail: `not a NATS server (sent ${JSON.stringify(line.slice(0, 40))})` };
  let info;
  try {
    info = JSON.parse(line.slice(5));
  } catch {
    return { ok: false, detail: 'NATS sent an INFO line that is not valid JSON' };
  }
  if (!info.jetstream) {
    return { ok: false, detail: `nats-server ${info.version ?? ''} answers but JetStream is disabled (start it with -js)` };
  }
  return { ok: true, detail: `nats-server ${info.version ?? '?'} with JetStream` };
}

/** NATS answers if the server's greeting INFO line says `jetstream: true`. */
export async function probeNats(url, { timeoutMs = PROBE_TIMEOUT_MS } = {}) {
  // NATS_URL may list several servers separated by commas; one usable server is enough.
  const servers = url.split(',').map((s) => s.trim()).filter(Boolean);
  let last = { ok: false, detail: 'NATS_URL is empty' };
  for (const server of servers) {
    last = await safeProbe(server, () => {
      const { host, port } = parseTarget(server, 4222);
      return converse({ host, port, timeoutMs, interpret: interpretNatsInfo });
    });
    if (last.ok) return last;
  }
  return last;
}

/** Resolves once host:port accepts TCP connections; throws after `timeoutMs`. */
export async function waitForPort(host, port, timeoutMs = START_TIMEOUT_MS) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const result = await tcpConnect(host, port, Math.min(PROBE_TIMEOUT_MS, Math.max(100, deadline - Date.now())));
    if (result.ok) return;
    if (Date.now() >= deadline) {
      throw new Error(`Timed out after ${Math.round(timeoutMs / 1000)} s waiting for ${host}:${port} (${result.detail})`);
    }
    await sleep(POLL_MS);
  }
}

function tcpConnect(host, port, timeoutMs) {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (result) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(result);
    };
    const timer = setTimeout(() => done({ ok: false, detail: `no answer within ${timeoutMs} ms` }), timeoutMs);
    socket.once('connect', () => done({ ok: true, detail: 'connected' }));
    socket.once('error', (err) => done({ ok: false, detail: err.code ?? err.message }));
  });
}

/** Masks the password of a URL so it can be logged. */
export function redactUrl(url) {
  try {
    const parsed = new URL(url);
    if (!parsed.password) return url;
    parsed.password = '***';
    return parsed.toString();
  } catch {
    return url;
  }
}

function isLoopback(host) {
  return host === 'localhost' || host === '::1' || /^127\./.test(host);
}

function withPort(url, port) {
  const parsed = new URL(url);
  parsed.port = String(port);
  return parsed.toString();
}

function hasPostgresPassword(url) {
  try {
    return Boolean(new URL(url).password) || Boolean(process.env.PGPASSWORD);
  } catch {
    return false;
  }
}

/** Like probePostgres, but a server this URL cannot log in to does not count. */
async function checkPostgres(url) {
  const result = await probePostgres(url);
  if (result.authRejected || (result.needsPassword && !hasPostgresPassword(url))) {
    // Waiting will not fix credentials: `permanent` lets a start-up wait give up at once.
    return { ok: false, permanent: true, detail: `${result.detail}, which ${redactUrl(url)} cannot satisfy` };
  }
  return result;
}

// ───────────────────────────── services ─────────────────────────────

const SERVICES = {
  postgres: {
    name: 'postgres',
    label: 'Postgres',
    envVar: 'DATABASE_URL',
    defaultUrl: 'postgresql://postgres@127.0.0.1:5432/postgres',
    defaultPort: 5432,
    check: checkPostgres,
    processName: 'postgres',
    stopSignal: 'SIGINT', // "fast" shutdown; SIGTERM would wait for every client to disconnect
    aptPackage: 'postgresql',
    binaries: 'initdb, pg_ctl, postgres',
    install: 'Install PostgreSQL ≥ 14 (Debian/Ubuntu: apt-get install postgresql; macOS: brew install postgresql@16)',
    findBinaries: findPostgresBinaries,
    startLocal: startPostgres,
    composePortVar: 'CLUSTERPLANE_POSTGRES_PORT',
    composeUrl: (port) => `postgresql://postgres:postgres@127.0.0.1:${port}/postgres`,
  },
  redis: {
    name: 'redis',
    label: 'Redis',
    envVar: 'REDIS_URL',
    defaultUrl: 'redis://127.0.0.1:6379',
    defaultPort: 6379,
    check: (url) => probeRedis(url),
    processName: 'redis-server',
    stopSignal: 'SIGTERM',
    aptPackage: 'redis-server',
    binaries: 'redis-server',
    install: 'Install Redis ≥ 6.2 (Debian/Ubuntu: apt-get install redis-server; macOS: brew install redis)',
    findBinaries: () => which('redis-server') && { redisServer: which('redis-server') },
    startLocal: startRedis,
    composePortVar: 'CLUSTERPLANE_REDIS_PORT',
    composeUrl: (port) => `redis://127.0.0.1:${port}`,
  },
  nats: {
    name: 'nats',
    label: 'NATS',
    envVar: 'NATS_URL',
    defaultUrl: 'nats://127.0.0.1:4222',
    defaultPort: 4222,
    check: (url) => probeNats(url),
    processName: 'nats-server',
    stopSignal: 'SIGTERM',
    aptPackage: 'nats-server',
    binaries: 'nats-server',
    install:
      'Install NATS Server ≥ 2.9 (Debian/Ubuntu: apt-get install nats-server; macOS: brew install nats-server; ' +
      'or a release from https://github.com/nats-io/nats-server/releases)',
    findBinaries: () => which('nats-server') && { natsServer: which('nats-server') },
    startLocal: startNats,
    composePortVar: 'CLUSTERPLANE_NATS_PORT',
    composeUrl: (port) => `nats://127.0.0.1:${port}`,
  },
};

// ───────────────────────────── main entry ─────────────────────────────

/**
 * Makes Postgres, Redis and NATS (JetStream) reachable and returns their URLs.
 * Servers started here are daemons that outlive this process so the next
 * `npm start` / `npm test` reuses them; `stop()` stops only what this call started.
 *
 * @param {{ purpose?: 'dev' | 'test', log?: object | ((line: string) => void) | false }} [options]
 * @returns {Promise<{ databaseUrl: string, redisUrl: string, natsUrl: string, started: string[], stop: () => Promise<void> }>}
 */
export async function ensureInfrastructure({ purpose = 'dev', log } = {}) {
  const logger = normalizeLog(log);
  let outcomes = await Promise.all(SERVICE_NAMES.map((name) => resolveExisting(SERVICES[name])));
  if (outcomes.some((o) => !o.ok && !o.error)) {
    const release = await acquireLock(logger);
    try {
      outcomes = await provideMissing(outcomes, { purpose, log: logger });
    } finally {
      release();
    }
  }

  const errors = outcomes.filter((o) => o.error).map((o) => o.error);
  if (errors.length) throw new Error(errors.join('\n'));
  for (const o of outcomes.filter((x) => x.reused)) logger.ok(`${o.svc.label}: ${redactUrl(o.url)} (${o.detail})`);

  const started = outcomes.filter((o) => o.started);
  const url = (name) => outcomes.find((o) => o.svc.name === name).url;
  return {
    databaseUrl: url('postgres'),
    redisUrl: url('redis'),
    natsUrl: url('nats'),
    started: started.map((o) => o.svc.name),
    stop: async () => {
      for (const o of started) await stopRecordedService(o.svc.name, { log: logger });
    },
  };
}

/**
 * Finds an already usable server: the env var's URL, else the default URL,
 * else whatever an earlier run recorded under .local/. When none answers,
 * returns a plan saying where a new server should listen.
 */
async function resolveExisting(svc) {
  const fromEnv = process.env[svc.envVar]?.trim();
  if (fromEnv) return resolveFromEnv(svc, fromEnv);

  const atDefault = await svc.check(svc.defaultUrl);
  if (atDefault.ok) return { svc, ok: true, reused: true, url: svc.defaultUrl, detail: atDefault.detail };
  const recorded = readState(svc.name);
  if (recorded?.url) {
    const atRecorded = await svc.check(recorded.url);
    if (atRecorded.ok) {
      return { svc, ok: true, reused: true, url: recorded.url, detail: `${atRecorded.detail}; started earlier by this script` };
    }
  }
  return { svc, ok: false, url: svc.defaultUrl, fixedPort: null, recordedPort: recorded?.port, reason: atDefault.detail };
}

async function resolveFromEnv(svc, fromEnv) {
  const result = await svc.check(fromEnv);
  if (result.ok) return { svc, ok: true, reused: true, url: fromEnv, detail: result.detail };
  const first = fromEnv.split(',')[0].trim();
  let target;
  try {
    target = parseTarget(first, svc.defaultPort);
  } catch {
    return { svc, error: `${svc.envVar} is not a valid URL: ${redactUrl(fromEnv)}` };
  }
  // Only a loopback address is ours to start a server on; anything else is someone else's server.
  if (!isLoopback(target.host)) {
    return {
      svc,
      error:
        `${svc.label} is not reachable at ${redactUrl(fromEnv)} (${result.detail}). ` +
        `${svc.envVar} points at another host, so nothing is started locally: start that server or unset ${svc.envVar}.`,
    };
  }
  return { svc, ok: false, url: first, fixedPort: target.port, reason: result.detail };
}

/** Steps 2–5 for every service that is not reachable yet. Runs under the lock. */
async function provideMissing(initial, ctx) {
  const outcomes = new Map(initial.map((o) => [o.svc.name, o]));
  const pending = () => [...outcomes.values()].filter((o) => !o.ok && !o.error);
  const recheck = async () => {
    for (const o of pending()) outcomes.set(o.svc.name, await resolveExisting(o.svc));
  };

  await recheck(); // a concurrent run may have started something while we waited for the lock
  let binaries = findBinariesFor(pending());
  const withoutBinaries = pending().filter((o) => !binaries[o.svc.name]);
  if (withoutBinaries.length && canUseApt()) {
    if (await aptInstall(withoutBinaries.map((o) => o.svc.aptPackage), ctx.log)) {
      await recheck(); // Debian's maintainer scripts may have started the freshly installed server
      binaries = findBinariesFor(pending());
    }
  }

  await Promise.all(
    pending()
      .filter((o) => binaries[o.svc.name])
      .map(async (plan) => outcomes.set(plan.svc.name, await startLocally(plan, binaries[plan.svc.name], ctx))),
  );

  if (pending().length && (await dockerComposeUsable())) {
    for (const o of await startWithCompose(pending(), ctx)) outcomes.set(o.svc.name, o);
  }

  for (const o of pending()) outcomes.set(o.svc.name, { svc: o.svc, error: notFoundMessage(o) });
  return [...outcomes.values()];
}

function findBinariesFor(plans) {
  return Object.fromEntries(plans.map((o) => [o.svc.name, o.svc.findBinaries() || null]));
}

function notFoundMessage(plan) {
  const { svc } = plan;
  return (
    `${svc.label} is not reachable at ${redactUrl(plan.url)} (${plan.reason}) and no local binaries (${svc.binaries}) were found. ` +
    `${svc.install}, or set ${svc.envVar}, or install Docker with the compose plugin.`
  );
}

async function startLocally(plan, binaries, ctx) {
  const { svc } = plan;
  try {
    const port = await choosePort(plan);
    const url = plan.fixedPort ? plan.url : withPort(svc.defaultUrl, port);
    ctx.log.step(`${svc.label}: starting a local server on 127.0.0.1:${port}; nothing usable there yet: ${plan.reason}`);
    const startedAt = Date.now();
    await svc.startLocal({ svc, port, url, binaries, purpose: ctx.purpose, log: ctx.log });
    ctx.log.ok(`${svc.label}: started ${redactUrl(url)} in ${((Date.now() - startedAt) / 1000).toFixed(1)} s`);
    return { svc, ok: true, started: true, url };
  } catch (err) {
    return { svc, error: `${svc.label}: ${err.message}` };
  }
}

/**
 * The port a new server should use: the one the env var names, else the
 * default, else the one an earlier run used (keeps URLs stable), else any free one.
 */
async function choosePort(plan) {
  const { svc } = plan;
  if (plan.fixedPort) {
    if (await isPortFree(plan.fixedPort)) return plan.fixedPort;
    throw new Error(
      `${svc.envVar} points at 127.0.0.1:${plan.fixedPort}, where something listens that is not usable (${plan.reason}). ` +
        `Stop it, or point ${svc.envVar} at a free port.`,
    );
  }
  for (const candidate of [svc.defaultPort, plan.recordedPort]) {
    if (candidate && (await isPortFree(candidate))) return candidate;
  }
  return anyFreePort();
}

function isPortFree(port) {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen({ port, host: '127.0.0.1', exclusive: true }, () => server.close(() => resolve(true)));
  });
}

function anyFreePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen({ port: 0, host: '127.0.0.1' }, () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Polls the protocol-level check until it passes, the process dies, or the deadline passes. */
async function waitForService(svc, url, { log, timeoutMs = START_TIMEOUT_MS, isRunning = () => true, logFiles = [] } = {}) {
  const logs = () => logFiles.map(logTail).join('');
  const startedAt = Date.now();
  let nextNotice = startedAt + NOTICE_EVERY_MS;
  let last = { detail: 'not checked yet' };
  while (Date.now() - startedAt < timeoutMs) {
    last = await svc.check(url);
    if (last.ok) return last;
    if (last.permanent) throw new Error(`the server runs but ${last.detail}.${logs()}`);
    if (!isRunning()) throw new Error(`the server exited while starting (${last.detail}).${logs()}`);
    if (Date.now() >= nextNotice) {
      log?.step(`${svc.label}: still waiting for ${redactUrl(url)} (${Math.round((Date.now() - startedAt) / 1000)} s; ${last.detail})`);
      nextNotice += NOTICE_EVERY_MS;
    }
    await sleep(POLL_MS);
  }
  throw new Error(`no answer at ${redactUrl(url)} within ${timeoutMs / 1000} s (last check: ${last.detail}).${logs()}`);
}

// ───────────────────────────── Postgres ─────────────────────────────

const PG_BIN_FILES = ['initdb', 'pg_ctl', 'postgres'];

/** Directories that may hold initdb/pg_ctl/postgres: PATH first, then versioned installs, newest first. */
function postgresBinDirs() {
  const dirs = [];
  const onPath = which('pg_ctl');
  if (onPath) dirs.push(path.dirname(fs.realpathSync(onPath)));
  const versioned = [
    ['/usr/lib/postgresql', /^(\d+)$/, (entry) => `/usr/lib/postgresql/${entry}/bin`], // Debian/Ubuntu
    ['/usr', /^pgsql-(\d+)$/, (entry) => `/usr/${entry}/bin`], // RHEL/PGDG
    ['/opt/homebrew/opt', /^postgresql@(\d+)$/, (entry) => `/opt/homebrew/opt/${entry}/bin`], // macOS
    ['/usr/local/opt', /^postgresql@(\d+)$/, (entry) => `/usr/local/opt/${entry}/bin`],
  ];
  for (const [parent, pattern, binDir] of versioned) {
    const entries = safeReaddir(parent)
      .map((entry) => ({ entry, version: Number(pattern.exec(entry)?.[1]) }))
      .filter((e) => e.version)
      .sort((a, b) => b.version - a.version);
    dirs.push(...entries.map((e) => binDir(e.entry)));
  }
  return [...new Set(dirs)];
}

function findPostgresBinaries() {
  const candidates = postgresBinDirs()
    .filter((dir) => PG_BIN_FILES.every((file) => isExecutable(path.join(dir, file))))
    .map((dir) => ({ dir, major: postgresMajorVersion(dir) }));
  // An existing cluster can only be run by the major version that created it.
  const clusterMajor = existingClusterMajor();
  const chosen = (clusterMajor && candidates.find((c) => c.major === clusterMajor)) || candidates[0];
  if (!chosen) return null;
  return {
    ...chosen,
    initdb: path.join(chosen.dir, 'initdb'),
    pgCtl: path.join(chosen.dir, 'pg_ctl'),
  };
}

function postgresMajorVersion(dir) {
  try {
    const out = execFileSync(path.join(dir, 'pg_ctl'), ['--version'], { encoding: 'utf8', timeout: 5_000 });
    return Number(/(\d+)(?:\.\d+)?/.exec(out)?.[1]) || 0;
  } catch {
    return 0;
  }
}

function existingClusterMajor() {
  for (const base of [path.join(LOCAL_DIR, 'postgres'), fallbackPostgresBase()]) {
    const version = readText(path.join(base, 'data', 'PG_VERSION'));
    if (version) return Number(version.trim());
  }
  return 0;
}

/** Postgres refuses to run as root, so as root its files live somewhere the postgres user can reach. */
function fallbackPostgresBase() {
  const repoHash = crypto.createHash('sha1').update(REPO_ROOT).digest('hex').slice(0, 10);
  return path.join(os.tmpdir(), `clusterplane-${repoHash}`, 'postgres');
}

async function postgresBaseDir(log) {
  const inRepo = path.join(LOCAL_DIR, 'postgres');
  if (!isRoot()) return inRepo;
  fs.chmodSync(LOCAL_DIR, 0o755);
  const [cmd, args] = asPostgresUser('test', ['-x', LOCAL_DIR]);
  if ((await run(cmd, args, { cwd: '/' })).code === 0) return inRepo;
  const fallback = fallbackPostgresBase();
  log.warn(`Postgres: the postgres user cannot enter ${LOCAL_DIR} (a parent directory is private); using ${fallback}`);
  fs.mkdirSync(path.dirname(fallback), { recursive: true, mode: 0o755 });
  return fallback;
}

/** Runs a command as the postgres user when we are root (initdb and postgres refuse to run as root). */
function asPostgresUser(cmd, args) {
  if (!isRoot()) return [cmd, args];
  if (which('runuser')) return ['runuser', ['-u', 'postgres', '--', cmd, ...args]];
  return ['su', ['postgres', '-s', '/bin/sh', '-c', [cmd, ...args].map(shellQuote).join(' ')]];
}

async function requirePostgresUser() {
  if ((await run('id', ['-u', 'postgres'])).code !== 0) {
    throw new Error(
      'running as root, Postgres must run as an unprivileged "postgres" user, but there is none. ' +
        'Create it (useradd --system --create-home postgres) or run this as a normal user.',
    );
  }
}

async function startPostgres({ svc, port, url, binaries, purpose, log }) {
  if (binaries.major && binaries.major < 14) log.warn(`Postgres: found version ${binaries.major}; ≥ 14 is expected`);
  const base = await postgresBaseDir(log);
  const dataDir = path.join(base, 'data');
  const socketDir = path.join(base, 'run');
  const logFile = path.join(base, 'postgres.log');
  fs.mkdirSync(socketDir, { recursive: true });
  if (isRoot()) {
    await requirePostgresUser();
    await run('chown', ['postgres:', base, socketDir]);
  }

  assertClusterNotRunning(dataDir);
  if (!fs.existsSync(path.join(dataDir, 'PG_VERSION'))) {
    await initPostgresCluster({ binaries, dataDir, base, superuser: decodeURIComponent(new URL(url).username) || 'postgres', log });
  } else {
    assertClusterVersion(dataDir, binaries.major);
  }
  const confFile = writePostgresConf({ dataDir, socketDir, port, purpose });
  if (isRoot()) await run('chown', ['postgres:', confFile]);

  const [cmd, args] = asPostgresUser(binaries.pgCtl, ['-D', dataDir, '-l', logFile, '-w', '-t', String(START_TIMEOUT_MS / 1000), '-s', 'start']);
  const result = await run(cmd, args, { cwd: base, detached: true, timeoutMs: START_TIMEOUT_MS + 5_000 });
  if (result.code !== 0) throw new Error(`pg_ctl could not start Postgres: ${lastLines(result.stderr || result.stdout)}${logTail(logFile)}`);

  const pid = Number(readText(path.join(dataDir, 'postmaster.pid'))?.split('\n')[0]);
  recordLocalServer(svc.name, { pid, port, url, dataDir: base, logFile, purpose });
  await waitForService(svc, url, { log, logFiles: [logFile], isRunning: () => isAlive(pid) });
  await createUrlDatabase(url);
}

async function initPostgresCluster({ binaries, dataDir, base, superuser, log }) {
  log.step(`Postgres: creating a new cluster in ${displayPath(dataDir)}`);
  // --no-sync: a brand-new, empty cluster is not worth the fsync time.
  const initArgs = ['-D', dataDir, '-U', superuser, '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync'];
  const [cmd, args] = asPostgresUser(binaries.initdb, initArgs);
  const result = await run(cmd, args, { cwd: base, timeoutMs: 120_000 });
  if (result.code !== 0) throw new Error(`initdb failed: ${lastLines(result.stderr || result.stdout)}`);
  // Per-start settings (port, socket dir, durability) live in a separate file we rewrite every time.
  fs.appendFileSync(path.join(dataDir, 'postgresql.conf'), "\n# Managed by scripts/lib/infra.mjs\ninclude_if_exists = 'clusterplane.conf'\n");
}

/** One data directory serves one port: a second start (another port) would fail obscurely in pg_ctl. */
function assertClusterNotRunning(dataDir) {
  const lines = readText(path.join(dataDir, 'postmaster.pid'))?.split('\n') ?? [];
  const pid = Number(lines[0]);
  if (pid && isAlive(pid) && processIs(pid, 'postgres')) {
    throw new Error(
      `the Postgres in ${displayPath(dataDir)} already runs on port ${lines[3]?.trim() || '?'} (pid ${pid}). ` +
        'Point DATABASE_URL at that port, or stop it first: node scripts/infra.mjs down',
    );
  }
}

function assertClusterVersion(dataDir, major) {
  const clusterMajor = Number(readText(path.join(dataDir, 'PG_VERSION'))?.trim());
  if (clusterMajor && major && clusterMajor !== major) {
    throw new Error(
      `${displayPath(dataDir)} was created by PostgreSQL ${clusterMajor}, but only PostgreSQL ${major} binaries were found. ` +
        `Install PostgreSQL ${clusterMajor}, or delete ${displayPath(path.dirname(dataDir))} to start over (its data is lost).`,
    );
  }
}

function writePostgresConf({ dataDir, socketDir, port, purpose }) {
  // Unix socket paths are limited to ~107 bytes; with a deep checkout use TCP only.
  const socketPathFits = path.join(socketDir, `.s.PGSQL.${port}`).length < 100;
  const lines = [
    '# Rewritten by scripts/lib/infra.mjs on every start; edit that script, not this file.',
    "listen_addresses = '127.0.0.1'",
    `port = ${port}`,
    `unix_socket_directories = '${socketPathFits ? socketDir.replace(/'/g, "''") : ''}'`,
    'max_connections = 200', // several services × connection pools × parallel test workers
  ];
  if (purpose === 'test') {
    // Test data is disposable: trade crash safety for speed.
    lines.push('fsync = off', 'synchronous_commit = off', 'full_page_writes = off');
  }
  const file = path.join(dataDir, 'clusterplane.conf');
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

/** A local server starts with only the `postgres` database; create the one the URL names. */
async function createUrlDatabase(url) {
  const database = decodeURIComponent(new URL(url).pathname.replace(/^\//, ''));
  if (database && !['postgres', 'template0', 'template1'].includes(database)) await ensureDatabase(url, database);
}

// ───────────────────────────── Redis and NATS ─────────────────────────────

async function startRedis({ svc, port, url, binaries, purpose, log }) {
  const dir = path.join(LOCAL_DIR, 'redis');
  const logFile = path.join(dir, 'redis.log');
  fs.mkdirSync(dir, { recursive: true });
  const args = [
    '--port', String(port),
    '--bind', '127.0.0.1',
    // Not --daemonize: a detached child (like NATS below) is just as independent of
    // this process, and keeps its pid at hand so a failed start is noticed at once.
    '--daemonize', 'no',
    '--dir', dir,
    '--pidfile', pidPath('redis'),
    '--logfile', logFile,
    '--save', '',
    // Dev keeps queued jobs across restarts; test data is thrown away anyway.
    '--appendonly', purpose === 'test' ? 'no' : 'yes',
    '--maxmemory-policy', 'noeviction', // BullMQ loses jobs under any evicting policy
  ];
  const consoleFile = path.join(dir, 'console.log');
  const child = spawnDaemon(binaries.redisServer, args, dir, consoleFile);
  recordLocalServer('redis', { pid: child.pid, port, url, dataDir: dir, logFile, purpose });
  await waitForService(svc, url, { log, logFiles: [logFile, consoleFile], isRunning: () => !child.exited });
}

async function startNats({ svc, port, url, binaries, purpose, log }) {
  const dir = path.join(LOCAL_DIR, 'nats');
  const logFile = path.join(dir, 'nats.log');
  fs.mkdirSync(dir, { recursive: true });
  const args = ['-a', '127.0.0.1', '-p', String(port), '-js', '-sd', dir, '-P', pidPath('nats'), '-l', logFile];
  const consoleFile = path.join(dir, 'console.log');
  const child = spawnDaemon(binaries.natsServer, args, dir, consoleFile);
  recordLocalServer('nats', { pid: child.pid, port, url, dataDir: dir, logFile, purpose });
  await waitForService(svc, url, { log, logFiles: [logFile, consoleFile], isRunning: () => !child.exited });
}

/**
 * Starts a long-running server that outlives this process: its own session (so
 * Ctrl-C on `npm start` does not reach it), no inherited stdio, not keeping the
 * event loop alive. `exited` turns true if it dies while we still watch it.
 */
function spawnDaemon(cmd, args, cwd, consoleFile) {
  // Errors before the server opens its own log file (bad flags, bad config) go to the console.
  const consoleFd = fs.openSync(consoleFile, 'w');
  const child = spawn(cmd, args, { cwd, detached: true, stdio: ['ignore', consoleFd, consoleFd] });
  fs.closeSync(consoleFd);
  const state = { pid: child.pid, exited: false };
  child.once('exit', () => (state.exited = true));
  child.once('error', () => (state.exited = true));
  child.unref();
  return state;
}

// ───────────────────────────── apt-get and Docker ─────────────────────────────

function canUseApt() {
  return isRoot() && Boolean(which('apt-get'));
}

/** Installs Debian packages; returns false (after saying why) instead of throwing. */
async function aptInstall(packages, log) {
  const startedAt = Date.now();
  log.step(`Installing ${packages.join(', ')} with apt-get (one-time; can take a minute)`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [['update', '-q'], ['install', '-y', '-q', '--no-install-recommends', ...packages]]) {
    const result = await run('apt-get', args, {
      env,
      timeoutMs: 15 * 60_000,
      onLine: (line) => log.progress(`apt-get ${args[0]}: ${line}`),
    });
    if (result.code !== 0) {
      log.fail(`apt-get ${args.join(' ')} failed (exit ${result.code}): ${lastLines(result.stderr || result.stdout)}`);
      return false;
    }
  }
  log.ok(`Installed ${packages.join(', ')} in ${Math.round((Date.now() - startedAt) / 1000)} s`);
  return true;
}

async function dockerComposeUsable() {
  if (!which('docker')) return false;
  if ((await run('docker', ['compose', 'version'], { timeoutMs: 10_000 })).code !== 0) return false;
  return (await run('docker', ['info', '--format', '{{.ServerVersion}}'], { timeoutMs: 15_000 })).code === 0;
}

function composeArgs(...args) {
  return ['compose', '-f', path.join(REPO_ROOT, 'docker-compose.yml'), ...args];
}

async function startWithCompose(plans, ctx) {
  const env = { ...process.env };
  const ports = {};
  for (const plan of plans) {
    try {
      ports[plan.svc.name] = await choosePort(plan);
    } catch (err) {
      return plans.map((p) => ({ svc: p.svc, error: `${plan.svc.label}: ${err.message}` }));
    }
    env[plan.svc.composePortVar] = String(ports[plan.svc.name]);
  }
  const names = plans.map((p) => p.svc.name);
  ctx.log.step(`Starting ${names.join(', ')} with docker compose`);
  const result = await run('docker', composeArgs('up', '-d', ...names), {
    env,
    timeoutMs: 15 * 60_000,
    onLine: (line) => ctx.log.progress(`docker compose: ${line}`),
  });
  if (result.code !== 0) {
    const error = `docker compose up failed: ${lastLines(result.stderr || result.stdout)}`;
    return plans.map((p) => ({ svc: p.svc, error: `${p.svc.label}: ${error}` }));
  }
  return Promise.all(
    plans.map(async ({ svc }) => {
      const url = svc.composeUrl(ports[svc.name]);
      writeState(svc.name, { startedBy: 'docker', port: ports[svc.name], url, startedAt: new Date().toISOString() });
      try {
        await waitForService(svc, url, { log: ctx.log, timeoutMs: DOCKER_START_TIMEOUT_MS });
        ctx.log.ok(`${svc.label}: started ${redactUrl(url)} with docker compose`);
        return { svc, ok: true, started: true, url };
      } catch (err) {
        return { svc, error: `${svc.label} (docker compose): ${err.message}` };
      }
    }),
  );
}

// ───────────────────────────── stop / status ─────────────────────────────

/**
 * Stops the server this script recorded for `name` in .local/ (if any).
 * Returns true when something was stopped.
 */
export async function stopRecordedService(name, { log } = {}) {
  const logger = normalizeLog(log);
  const svc = SERVICES[name];
  const state = readState(name);
  const pid = readPid(pidPath(name)) || state?.pid;
  const forget = () => {
    fs.rmSync(pidPath(name), { force: true });
    fs.rmSync(statePath(name), { force: true });
  };

  if (state?.startedBy === 'docker') {
    const result = await run('docker', composeArgs('stop', name), { timeoutMs: 120_000 });
    if (result.code !== 0) throw new Error(`docker compose stop ${name} failed: ${lastLines(result.stderr)}`);
    forget();
    logger.ok(`${svc.label}: stopped the docker compose service`);
    return true;
  }
  if (!pid || !isAlive(pid)) {
    if (pid || state) logger.step(`${svc.label}: not running (pid ${pid || '?'})`);
    forget();
    return false;
  }
  if (!processIs(pid, svc.processName)) {
    logger.warn(`${svc.label}: pid ${pid} now belongs to another program; leaving it alone`);
    forget();
    return false;
  }
  process.kill(pid, svc.stopSignal);
  if (!(await waitUntil(() => !isAlive(pid), STOP_TIMEOUT_MS))) {
    logger.warn(`${svc.label}: pid ${pid} ignored ${svc.stopSignal} for ${STOP_TIMEOUT_MS / 1000} s; killing it`);
    process.kill(pid, 'SIGKILL');
    await waitUntil(() => !isAlive(pid), 5_000);
  }
  forget();
  logger.ok(`${svc.label}: stopped (pid ${pid})`);
  return true;
}

/** Stops everything recorded in .local/; with `purge`, also deletes the data. */
export async function stopRecordedServices({ log, purge = false } = {}) {
  const stopped = [];
  for (const name of SERVICE_NAMES) if (await stopRecordedService(name, { log })) stopped.push(name);
  if (purge) {
    // Only our own directories: other tools keep files in .local/ too.
    const dirs = [...SERVICE_NAMES.map((name) => path.join(LOCAL_DIR, name)), path.dirname(fallbackPostgresBase())];
    for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
    normalizeLog(log).ok('Deleted the local Postgres, Redis and NATS data in .local/');
  }
  return stopped;
}

/** What answers right now: the env/default URL of each service, plus any server recorded in .local/. */
export async function infrastructureStatus() {
  const rows = [];
  for (const name of SERVICE_NAMES) {
    const svc = SERVICES[name];
    const configured = process.env[svc.envVar]?.trim();
    const candidates = [{ url: configured || svc.defaultUrl, source: configured ? svc.envVar : 'default' }];
    const state = readState(name);
    if (state?.url && state.url !== candidates[0].url) candidates.push({ url: state.url, source: '.local' });
    for (const { url, source } of candidates) {
      const result = await svc.check(url);
      const managedBy = state?.url !== url ? undefined : state.startedBy === 'docker' ? 'docker compose' : `pid ${state.pid}`;
      rows.push({ service: name, url: redactUrl(url), source, ok: result.ok, detail: result.detail, managedBy });
    }
  }
  return rows;
}

// ───────────────────────────── databases ─────────────────────────────

const DB_NAME = /^[A-Za-z_][A-Za-z0-9_-]{0,62}$/;
// Query parameters Prisma understands but libpq (psql) rejects.
const PRISMA_ONLY_PARAMS = ['schema', 'connection_limit', 'pool_timeout', 'pgbouncer', 'statement_cache_size', 'socket_timeout', 'sslaccept'];

const sqlLiteral = (value) => `'${value.replace(/'/g, "''")}'`;
const sqlIdentifier = (value) => `"${value.replace(/"/g, '""')}"`;

/** Creates database `dbName` unless it exists. Returns true when it was created. */
export async function ensureDatabase(adminUrl, dbName) {
  assertDbName(dbName);
  const url = maintenanceUrl(adminUrl, dbName);
  const exists = await runSql(url, [`SELECT 1 FROM pg_database WHERE datname = ${sqlLiteral(dbName)}`]);
  if (exists === '1') return false;
  try {
    await runSql(url, [`CREATE DATABASE ${sqlIdentifier(dbName)}`]);
    return true;
  } catch (err) {
    if (/already exists/.test(err.message)) return false; // created concurrently by another process
    throw err;
  }
}

/** Drops database `dbName` (if it exists), disconnecting its clients first. */
export async function dropDatabase(adminUrl, dbName) {
  assertDbName(dbName);
  await runSql(maintenanceUrl(adminUrl, dbName), [
    `SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = ${sqlLiteral(dbName)} AND pid <> pg_backend_pid()`,
    `DROP DATABASE IF EXISTS ${sqlIdentifier(dbName)} WITH (FORCE)`,
  ]);
}

function assertDbName(dbName) {
  if (!DB_NAME.test(dbName)) throw new Error(`Invalid database name ${JSON.stringify(dbName)} (letters, digits, _ and -, at most 63)`);
}

/** A URL for administrative statements: never the database being created or dropped. */
function maintenanceUrl(adminUrl, dbName) {
  const parsed = new URL(adminUrl);
  for (const param of PRISMA_ONLY_PARAMS) parsed.searchParams.delete(param);
  const current = decodeURIComponent(parsed.pathname.replace(/^\//, ''));
  if (!current || current === dbName) parsed.pathname = '/postgres';
  return parsed.toString();
}

/**
 * Runs statements one by one (CREATE/DROP DATABASE cannot share a transaction)
 * with psql if installed, else with the `pg` package. Returns the last output.
 */
async function runSql(url, statements) {
  const psql = findPsql();
  if (psql) {
    // The password travels in the environment so it does not show up in `ps`.
    const parsed = new URL(url);
    const env = { ...process.env, PGCONNECT_TIMEOUT: '5' };
    if (parsed.password) {
      env.PGPASSWORD = decodeURIComponent(parsed.password);
      parsed.password = '';
    }
    const args = ['-X', '-q', '-t', '-A', '-v', 'ON_ERROR_STOP=1', '-d', parsed.toString(), ...statements.flatMap((s) => ['-c', s])];
    const result = await run(psql, args, { env, timeoutMs: 60_000 });
    if (result.code !== 0) throw new Error(`psql against ${redactUrl(url)} failed: ${lastLines(result.stderr || result.stdout)}`);
    return result.stdout.trim();
  }
  const pg = await importPg();
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    let last;
    for (const statement of statements) last = await client.query(statement);
    const firstRow = last?.rows?.[0];
    return firstRow ? String(Object.values(firstRow)[0]) : '';
  } finally {
    await client.end().catch(() => {});
  }
}

function findPsql() {
  const onPath = which('psql');
  if (onPath) return onPath;
  return postgresBinDirs().map((dir) => path.join(dir, 'psql')).find(isExecutable) ?? null;
}

async function importPg() {
  try {
    const mod = await import('pg');
    return mod.default ?? mod;
  } catch {
    throw new Error(
      'Neither psql nor the "pg" package is available to create databases. ' +
        'Install the PostgreSQL client (Debian: apt-get install postgresql-client) or run npm install first.',
    );
  }
}

// ───────────────────────────── state files and lock ─────────────────────────────

const pidPath = (name) => path.join(LOCAL_DIR, `${name}.pid`);
const statePath = (name) => path.join(LOCAL_DIR, `${name}.json`);

function readState(name) {
  try {
    return JSON.parse(fs.readFileSync(statePath(name), 'utf8'));
  } catch {
    return null;
  }
}

function writeState(name, state) {
  fs.mkdirSync(LOCAL_DIR, { recursive: true });
  fs.writeFileSync(statePath(name), `${JSON.stringify(state, null, 2)}\n`);
}

/** .local/<name>.pid is what `infra.mjs down` acts on; .local/<name>.json keeps the URL for reuse. */
function recordLocalServer(name, { pid, ...details }) {
  if (pid) fs.writeFileSync(pidPath(name), `${pid}\n`);
  writeState(name, { startedBy: 'local', pid, ...details, startedAt: new Date().toISOString() });
}

function readPid(file) {
  return Number(readText(file)?.trim()) || 0;
}

/**
 * Serialises the start path across processes (`npm start` and `npm test` in two
 * terminals must not both initdb the same directory). Returns the release function.
 */
async function acquireLock(log) {
  fs.mkdirSync(LOCAL_DIR, { recursive: true });
  const lockFile = path.join(LOCAL_DIR, 'infra.lock');
  const deadline = Date.now() + LOCK_TIMEOUT_MS;
  let announced = false;
  for (;;) {
    try {
      fs.writeFileSync(lockFile, String(process.pid), { flag: 'wx' });
      return () => fs.rmSync(lockFile, { force: true });
    } catch (err) {
      if (err.code !== 'EEXIST') throw err;
    }
    const holder = readPid(lockFile);
    const freshlyCreated = Date.now() - (fs.statSync(lockFile, { throwIfNoEntry: false })?.mtimeMs ?? 0) < 2_000;
    if (!isAlive(holder) && !freshlyCreated) {
      fs.rmSync(lockFile, { force: true }); // left behind by a process that died
      continue;
    }
    if (Date.now() >= deadline) {
      throw new Error(`Another process (pid ${holder}) has been starting the infrastructure for over ${LOCK_TIMEOUT_MS / 1000} s; if it is gone, delete ${lockFile}`);
    }
    if (!announced) log.step(`Waiting for another process (pid ${holder}) that is starting the infrastructure`);
    announced = true;
    await sleep(250);
  }
}

// ───────────────────────────── processes ─────────────────────────────

/**
 * Runs a command to completion and collects its output. Never rejects:
 * failure to spawn is reported as code -1. `detached` puts it in its own
 * session so daemons it forks do not receive the terminal's Ctrl-C.
 */
function run(cmd, args, { cwd = REPO_ROOT, env = process.env, timeoutMs = 60_000, detached = false, onLine } = {}) {
  return new Promise((resolve) => {
    let stdout = '';
    let stderr = '';
    let partial = '';
    const child = spawn(cmd, args, { cwd, env, detached, stdio: ['ignore', 'pipe', 'pipe'] });
    const timer = setTimeout(() => {
      stderr += `\n(${path.basename(cmd)} timed out after ${Math.round(timeoutMs / 1000)} s)`;
      try {
        if (detached) process.kill(-child.pid, 'SIGKILL');
        else child.kill('SIGKILL');
      } catch {
        // already gone
      }
    }, timeoutMs);
    const collect = (chunk, isErr) => {
      const text = chunk.toString();
      if (isErr) stderr += text;
      else stdout += text;
      if (!onLine) return;
      const lines = (partial + text).split(/\r?\n|\r/);
      partial = lines.pop();
      for (const line of lines) if (line.trim()) onLine(line.trim());
    };
    child.stdout.on('data', (chunk) => collect(chunk, false));
    child.stderr.on('data', (chunk) => collect(chunk, true));
    child.once('error', (err) => {
      clearTimeout(timer);
      resolve({ code: -1, stdout, stderr: `${stderr}${err.message}` });
    });
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, stdout, stderr });
    });
  });
}

function isAlive(pid) {
  if (!pid) return false;
  try {
    process.kill(pid, 0);
  } catch (err) {
    return err.code === 'EPERM';
  }
  // An exited child of ours lingers as a zombie until reaped; it is not running.
  const stat = readText(`/proc/${pid}/stat`);
  return !stat || stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
}

/** Guards against pid reuse before signalling; without /proc (macOS) we have to trust the pid file. */
function processIs(pid, name) {
  const comm = readText(`/proc/${pid}/comm`);
  return comm === null || comm.trim() === name;
}

async function waitUntil(condition, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (condition()) return true;
    await sleep(100);
  }
  return condition();
}

// ───────────────────────────── small helpers ─────────────────────────────

const EXTRA_BIN_DIRS = ['/usr/local/sbin', '/usr/local/bin', '/usr/sbin', '/usr/bin', '/sbin', '/bin', '/opt/homebrew/bin'];

/** Like `which`, but also looks in sbin directories (Debian installs nats-server in /usr/sbin). */
function which(name) {
  const dirs = [...(process.env.PATH ?? '').split(path.delimiter), ...EXTRA_BIN_DIRS].filter(Boolean);
  return dirs.map((dir) => path.join(dir, name)).find(isExecutable) ?? null;
}

function isExecutable(file) {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

function safeReaddir(dir) {
  try {
    return fs.readdirSync(dir);
  } catch {
    return [];
  }
}

function readText(file) {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}

function shellQuote(value) {
  return `'${String(value).replace(/'/g, `'\\''`)}'`;
}

function lastLines(text, count = 12) {
  return String(text ?? '').trim().split('\n').slice(-count).join('\n');
}

function logTail(file) {
  const text = file && readText(file);
  return text ? `\nLast lines of ${displayPath(file)}:\n${lastLines(text).replace(/^/gm, '  ')}` : '';
}

function displayPath(file) {
  const relative = path.relative(REPO_ROOT, file);
  return relative.startsWith('..') ? file : relative;
}

/** Accepts log.mjs-style objects (missing levels are silent), a single function, or false for silence. */
function normalizeLog(log) {
  if (typeof log === 'function') {
    const prefixed = (mark) => (msg) => log(`${mark} ${msg}`);
    return { step: prefixed('▸'), ok: prefixed('✔'), warn: prefixed('!'), fail: prefixed('✖'), progress: () => {} };
  }
  const source = log === false || log === null ? {} : (log ?? defaultLog);
  const noop = () => {};
  return {
    step: source.step ?? noop,
    ok: source.ok ?? noop,
    warn: source.warn ?? noop,
    fail: source.fail ?? noop,
    progress: source.progress ?? noop,
  };
}
