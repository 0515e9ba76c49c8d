// CPU seconds used by processes, from /proc: where the machine's cores went during a run.
import { readdirSync, readFileSync } from 'node:fs';

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

export function cpuSecondsOf(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND; // utime + stime
  } catch {
    return 0;
  }
}

/** Postgres backends serving `database` (the process title names it). */
function postgresBackends(database) {
  return readdirSync('/proc').filter((entry) => /^\d+$/.test(entry)).filter((pid) => {
    try {
      return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(` ${database} `);
    } catch {
      return false;
    }
  });
}

/** Processes the services lean on, by their name in /proc: the message broker and Redis. */
const INFRASTRUCTURE = { 'nats-server': 'nats', 'redis-server': 'redis' };

function infrastructureProcesses() {
  const found = {};
  for (const pid of readdirSync('/proc').filter((entry) => /^\d+$/.test(entry))) {
    try {
      const name = INFRASTRUCTURE[readFileSync(`/proc/${pid}/comm`, 'utf8').trim()];
      if (name) found[name] = (found[name] ?? 0) + cpuSecondsOf(pid);
    } catch {
      // exited meanwhile
    }
  }
  return found;
}

/**
 * CPU seconds so far of each service, of this process (the load generator), of NATS and Redis
 * (when they run on this machine) and of each Postgres backend of `database`. Pass an earlier snapshot as `since` to get what each used in
 * between. Backends that exited in between are missed, so Postgres is a lower bound.
 */
export function cpuSeconds(services, database, since) {
  const now = {
    processes: { ...Object.fromEntries(services.map((s) => [s.name, cpuSecondsOf(s.child.pid)])), 'load generator': cpuSecondsOf(process.pid), ...infrastructureProcesses() },
    backends: Object.fromEntries(postgresBackends(database).map((pid) => [pid, cpuSecondsOf(pid)])),
  };
  if (!since) return now;
  const used = Object.fromEntries(Object.entries(now.processes).map(([name, s]) => [name, s - (since.processes[name] ?? 0)]));
  used.postgres = Object.entries(now.backends).reduce((sum, [pid, s]) => sum + s - (since.backends[pid] ?? 0), 0);
  return Object.fromEntries(Object.entries(used).map(([name, s]) => [name, Math.round(s * 10) / 10]));
}
