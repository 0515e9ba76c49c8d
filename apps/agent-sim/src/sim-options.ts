import { parseArgs } from 'node:util';

export interface SimOptions {
  gateway: string;
  token: string;
  clusters: number;
  existing: string[];
  intervalMs: number;
  version: string;
  reports?: number;
}

const USAGE = `usage: agent-sim --gateway URL --token JWT [--clusters N | --cluster UUID ...] [--interval 10s] [--version 2.24] [--reports N]`;

export function parseDuration(raw: string): number {
  const match = /^(\d+)(ms|s|m)?$/.exec(raw.trim());
  if (!match) throw new Error(`not a duration: ${raw} (use 500ms, 10s, 1m)`);
  const value = Number(match[1]);
  return match[2] === 'm' ? value * 60_000 : match[2] === 'ms' ? value : value * 1000;
}

export function parseSimOptions(argv: string[], env: NodeJS.ProcessEnv): SimOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      gateway: { type: 'string', default: env['GATEWAY_URL'] ?? 'http://127.0.0.1:3000' },
      token: { type: 'string', default: env['CLUSTERPLANE_TOKEN'] },
      clusters: { type: 'string', default: '0' },
      cluster: { type: 'string', multiple: true, default: [] },
      interval: { type: 'string', default: '10s' },
      version: { type: 'string', default: '2.24' },
      reports: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) throw new Error(USAGE);
  if (!values.token) throw new Error(`--token (or CLUSTERPLANE_TOKEN) is required\n${USAGE}`);
  const clusters = Number(values.clusters);
  if (!Number.isInteger(clusters) || clusters < 0) throw new Error(`--clusters must be a whole number\n${USAGE}`);
  if (clusters === 0 && values.cluster.length === 0) throw new Error(`give --clusters N or at least one --cluster UUID\n${USAGE}`);
  const reports = values.reports === undefined ? undefined : Number(values.reports);
  if (reports !== undefined && (!Number.isInteger(reports) || reports < 1)) throw new Error(`--reports must be a whole number of at least 1\n${USAGE}`);
  return {
    gateway: values.gateway.replace(/\/$/, ''),
    token: values.token,
    clusters,
    existing: values.cluster,
    intervalMs: parseDuration(values.interval),
    version: values.version,
    reports,
  };
}
