// bench/results/latest.json (one object per scenario) and latest.md (the same as a table,
// with each service's peak RSS). A run of some scenarios replaces only their entries, so
// `npm run bench -- read` keeps the other scenarios' last figures.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../../scripts/lib/prepare.mjs';

const RESULTS_DIR = join(ROOT, 'bench', 'results');
const JSON_FILE = join(RESULTS_DIR, 'latest.json');
const MD_FILE = join(RESULTS_DIR, 'latest.md');

const fmt = (value) => (typeof value === 'number' ? (Math.abs(value) >= 100 ? Math.round(value).toLocaleString('en-US') : String(Math.round(value * 100) / 100)) : String(value ?? '–'));

/** The fields of latest.json; `unit`, `notes`, `peakRssMb` and `measuredAt` keep the table reproducible from it. */
function toEntry(result, measuredAt) {
  const { name, product, baseline, ratio, p50Ms, p99Ms, target, met, unit, notes, peakRssMb, details } = result;
  return { name, product, baseline: baseline ?? null, ratio: ratio ?? null, p50Ms, p99Ms, target, met, unit, notes, peakRssMb, measuredAt, details };
}

function previousEntries() {
  if (!existsSync(JSON_FILE)) return [];
  try {
    const parsed = JSON.parse(readFileSync(JSON_FILE, 'utf8'));
    return Array.isArray(parsed) ? parsed : [];
  } catch {
    return [];
  }
}

/** Merges this run's results into the previous ones (by name, sorted) and writes both files. */
export function writeResults(results, meta) {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const fresh = new Map(results.map((r) => [r.name, toEntry(r, meta.startedAt)]));
  const merged = [...previousEntries().filter((e) => !fresh.has(e.name)), ...fresh.values()].sort((a, b) => a.name.localeCompare(b.name));
  writeFileSync(JSON_FILE, `${JSON.stringify(merged, null, 2)}\n`);
  writeFileSync(MD_FILE, renderMarkdown(merged, meta));
  return { json: JSON_FILE, md: MD_FILE };
}

export function renderMarkdown(entries, meta) {
  const unitOf = (e, value) => (value === null || value === undefined ? '' : (e.unit ?? ''));
  return [
    `# Benchmark results`,
    '',
    `Last run ${meta.startedAt}, ${meta.cpus} CPUs, Node ${process.version}, load average ${meta.loadAverage} at its start; everything (services, Postgres, Redis, NATS, load generator) on this machine. Each row says when it was measured.`,
    '',
    '| scenario | product | baseline | ratio | p50 ms | p99 ms | target | met |',
    '|---|---|---|---|---|---|---|---|',
    ...entries.map((e) => `| ${e.name} | ${fmt(e.product)} ${unitOf(e, e.product)} | ${fmt(e.baseline)} ${unitOf(e, e.baseline)} | ${fmt(e.ratio)} | ${fmt(e.p50Ms)} | ${fmt(e.p99Ms)} | ${e.target} | ${e.met ? 'yes' : 'no'} |`),
    '',
    '| scenario | measured | peak RSS (VmHWM) | notes |',
    '|---|---|---|---|',
    ...entries.map((e) => `| ${e.name} | ${e.measuredAt ?? '–'} | ${Object.entries(e.peakRssMb ?? {}).map(([s, mb]) => `${s} ${mb} MiB`).join(', ')} | ${e.notes ?? ''} |`),
    '',
  ].join('\n');
}
