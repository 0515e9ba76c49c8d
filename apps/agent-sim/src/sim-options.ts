import { parseArgs } from 'node:util';
import { parseDuration } from './duration';
import { parseScenario, SCENARIO_NAMES, type Scenario } from './scenarios/scenario';

export interface SimOptions {
  gateway: string;
  /** Needed to create clusters and to read secrets the clusters file does not carry. */
  token?: string;
  clusters: number;
  existing: string[];
  /** Lines of `<uuid>` or `<uuid> <clientSecret>`. */
  clustersFile?: string;
  intervalMs: number;
  version: string;
  reports?: number;
  durationMs?: number;
  scenario: Scenario;
  concurrency: number;
  nodePools: number;
}

export { parseDuration } from './duration';

const USAGE = [
  'usage: agent-sim --gateway URL --token JWT [--clusters N] [--cluster UUID ...] [--clusters-file FILE]',
  '                 [--scenario NAME] [--interval 10s] [--reports N] [--duration 5m] [--concurrency 64] [--node-pools 2] [--version 2.24]',
  `scenarios: ${SCENARIO_NAMES.join(', ')}`,
].join('\n');

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
      'clusters-file': { type: 'string' },
      duration: { type: 'string' },
      scenario: { type: 'string', default: 'healthy' },
      concurrency: { type: 'string', default: '64' },
      'node-pools': { type: 'string', default: '2' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) throw new Error(USAGE);
  if (!values.token && !values['clusters-file']) throw new Error(`--token (or CLUSTERPLANE_TOKEN) is required\n${USAGE}`);
  const clusters = wholeNumber('--clusters', values.clusters, 0);
  if (clusters === 0 && values.cluster.length === 0 && !values['clusters-file']) throw new Error(`give --clusters N or at least one --cluster UUID\n${USAGE}`);
  const reports = values.reports === undefined ? undefined : wholeNumber('--reports', values.reports, 1);
  return {
    gateway: values.gateway.replace(/\/$/, ''),
    token: values.token,
    clusters,
    existing: values.cluster,
    intervalMs: parseDuration(values.interval),
    version: values.version,
    reports,
    clustersFile: values['clusters-file'],
    durationMs: values.duration === undefined ? undefined : parseDuration(values.duration),
    scenario: parseScenario(values.scenario),
    concurrency: wholeNumber('--concurrency', values.concurrency, 1),
    nodePools: wholeNumber('--node-pools', values['node-pools'], 0),
  };
}

function wholeNumber(flag: string, raw: string, min: number): number {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) throw new Error(`${flag} must be a whole number of at least ${min}\n${USAGE}`);
  return value;
}
