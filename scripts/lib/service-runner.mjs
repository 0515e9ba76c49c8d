// Runs the product's services as child processes: one line per log entry on the terminal,
// the raw JSON in .local/logs/<service>.log, and an ordered stop on Ctrl-C.
import { spawn } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const COLORS = { gateway: 36, provisioning: 35, 'node-pool': 34, deletion: 31, status: 32, 'agent-sim': 33 };
const useColor = process.stdout.isTTY && !process.env.NO_COLOR;
const LEVELS = { trace: 10, debug: 20, info: 30, warn: 40, error: 50, fatal: 60 };

function formatLine(name, raw) {
  let entry;
  try {
    entry = JSON.parse(raw);
  } catch {
    return `${name.padEnd(12)} ${raw}`;
  }
  const { time, level, msg, service: _s, context: _c, ...rest } = entry;
  const extra = Object.keys(rest).length ? ` ${JSON.stringify(rest)}` : '';
  const label = useColor ? `\x1b[${COLORS[name] ?? 37}m${name.padEnd(12)}\x1b[0m` : name.padEnd(12);
  return `${label} ${String(time ?? '').slice(11, 19)} ${level ?? ''} ${msg ?? ''}${extra}`;
}

/**
 * Node flags of every service process. A report or request lives for the ~100 ms its batch
 * takes to commit; with V8's default 16 MiB semi-space a scavenge every few hundred
 * milliseconds finds thousands of them still alive and copies them, twice, into the old
 * generation. A 64 MiB semi-space lets most die first: in the agent-report benchmark the
 * services and the simulator spent about 10 % less CPU per report and sustained 10 % more
 * reports/s. The young generation grows to that size only under load.
 */
export const SERVICE_NODE_FLAGS = ['--enable-source-maps', '--max-semi-space-size=64'];

export function startProcess({ name, root, entry, args = [], env, minLevel = 'info', logDir = join(root, '.local', 'logs'), nodeArgs = [] }) {
  mkdirSync(logDir, { recursive: true });
  const file = createWriteStream(join(logDir, `${name}.log`), { flags: 'a' });
  const child = spawn(process.execPath, [...SERVICE_NODE_FLAGS, ...nodeArgs, join(root, entry), ...args], { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream }).on('line', (line) => {
      file.write(`${line}\n`);
      let level = 'info';
      try {
        level = JSON.parse(line).level ?? 'info';
      } catch {
        // plain text (e.g. a crash trace): always shown
      }
      if ((LEVELS[level] ?? 30) >= LEVELS[minLevel]) process.stdout.write(`${formatLine(name, line)}\n`);
    });
  }
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  return { name, child, exited };
}

export async function waitUntilReady(url, timeoutMs, isAlive) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isAlive()) return false;
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(1_000) });
      if (response.status === 200) return true;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return false;
}

/** SIGTERM every process (each drains its work), then wait for all to exit. */
export async function stopAll(processes) {
  for (const p of processes) if (p.child.exitCode === null) p.child.kill('SIGTERM');
  await Promise.all(processes.map((p) => p.exited));
}
