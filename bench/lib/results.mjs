// bench/results/latest.json (one object per scenario) and latest.md (the same as a table,
// with each service's peak RSS).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../../scripts/lib/prepare.mjs';

const RESULTS_DIR = join(ROOT, 'bench', 'results');

const fmt = (value) => (typeof value === 'number' ? (Math.abs(value) >= 100 ? Math.round(value).toLocaleString('en-US') : String(Math.round(value * 100) / 100)) : String(value ?? '–'));

export function writeResults(results, meta) {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const json = results.map(({ name, product, baseline, ratio, p50Ms, p99Ms, target, met, details }) => ({ name, product, baseline, ratio, p50Ms, p99Ms, target, met, details }));
  writeFileSync(join(RESULTS_DIR, 'latest.json'), `${JSON.stringify(json, null, 2)}\n`);

  const lines = [
    `# Benchmark results`,
    '',
    `${meta.startedAt}, ${meta.cpus} CPUs, Node ${process.version}, load average ${meta.loadAverage} at the start; everything (services, Postgres, Redis, NATS, load generator) on this machine.`,
    '',
    '| scenario | product | baseline | ratio | p50 ms | p99 ms | target | met |',
    '|---|---|---|---|---|---|---|---|',
    ...results.map((r) => `| ${r.name} | ${fmt(r.product)} ${r.unit ?? ''} | ${fmt(r.baseline)} ${r.baseline === null ? '' : (r.unit ?? '')} | ${fmt(r.ratio)} | ${fmt(r.p50Ms)} | ${fmt(r.p99Ms)} | ${r.target} | ${r.met ? 'yes' : 'no'} |`),
    '',
    '| scenario | peak RSS (VmHWM) | notes |',
    '|---|---|---|',
    ...results.map((r) => `| ${r.name} | ${Object.entries(r.peakRssMb ?? {}).map(([s, mb]) => `${s} ${mb} MiB`).join(', ')} | ${r.notes ?? ''} |`),
    '',
  ];
  writeFileSync(join(RESULTS_DIR, 'latest.md'), lines.join('\n'));
  return { json: join(RESULTS_DIR, 'latest.json'), md: join(RESULTS_DIR, 'latest.md') };
}
