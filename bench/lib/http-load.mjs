// HTTP load on loopback with autocannon, bounded in time (and optionally in count), with a
// progress line once a second. Every answer that is not the expected status counts as an error.
import autocannon from 'autocannon';
import { cpuSeconds } from './cpu-time.mjs';

/**
 * Runs `requests` (autocannon request objects; `setupRequest` may vary each one) against `url`
 * from `connections` connections for `seconds` and returns the rate and latencies.
 */
export async function runLoad({ label, url, connections, seconds, maxRequests, headers = {}, requests, expectStatus = 200, progress = () => undefined }) {
  const started = Date.now();
  let done = 0;
  let unexpected = 0;
  const statuses = {};
  const instance = autocannon({
    url,
    connections,
    duration: seconds,
    ...(maxRequests ? { amount: maxRequests } : {}),
    headers,
    requests: requests.map((request) => ({
      ...request,
      onResponse: (status) => {
        done++;
        statuses[status] = (statuses[status] ?? 0) + 1;
        if (status !== expectStatus) unexpected++;
      },
    })),
    timeout: 10,
  });
  const ticker = setInterval(() => {
    const elapsed = (Date.now() - started) / 1000;
    progress(`${label}: ${done.toLocaleString('en-US')} requests, ${Math.round(done / elapsed).toLocaleString('en-US')}/s, ${unexpected} unexpected, ${Math.round(elapsed)} s`);
  }, 1_000);
  try {
    const result = await instance;
    const total = result.requests.total;
    return {
      label,
      requests: total,
      seconds: result.duration,
      rate: total / result.duration,
      p50Ms: result.latency.p50,
      p99Ms: result.latency.p99,
      // Connection errors and timeouts never reach onResponse.
      errors: unexpected + result.errors + result.timeouts,
      statuses,
    };
  } finally {
    clearInterval(ticker);
  }
}

/** One line for the log. */
export function describeLoad(run) {
  return `${Math.round(run.rate).toLocaleString('en-US')} req/s, p50 ${run.p50Ms} ms, p99 ${run.p99Ms} ms, ${run.requests} requests, ${run.errors} errors`;
}

/**
 * A short warm-up (JIT, pools, caches), then the measured run, with the CPU seconds each of
 * `processes` ({name, child: {pid}}) and Postgres used during it and per request.
 */
export async function measureHttp({ processes, database, warmUpSeconds, ...load }) {
  if (warmUpSeconds > 0) await runLoad({ ...load, label: `${load.label} warm-up`, seconds: warmUpSeconds, maxRequests: undefined });
  const before = cpuSeconds(processes, database);
  const run = await runLoad(load);
  const cpu = cpuSeconds(processes, database, before);
  const cpuMsPerRequest = Object.fromEntries(Object.entries(cpu).map(([name, s]) => [name, Math.round((s * 1e6) / Math.max(run.requests, 1)) / 1000]));
  // The server side: the load generator (this process) costs the same for product and baseline.
  const serverSeconds = Object.entries(cpu).filter(([name]) => name !== 'load generator').reduce((sum, [, s]) => sum + s, 0);
  cpuMsPerRequest.total = Math.round((serverSeconds * 1e6) / Math.max(run.requests, 1)) / 1000;
  return { ...run, cpu, cpuMsPerRequest };
}

export function describeCpu(run) {
  return `CPU ms per request ${run.cpuMsPerRequest.total} (${Object.entries(run.cpuMsPerRequest).filter(([n]) => n !== 'total').map(([n, ms]) => `${n} ${ms}`).join(', ')})`;
}

/** What results.json keeps of a run. */
export const summarizeRun = (run) => ({ rate: Math.round(run.rate), p50Ms: run.p50Ms, p99Ms: run.p99Ms, requests: run.requests, errors: run.errors, statuses: run.statuses, cpuSeconds: run.cpu, cpuMsPerRequest: run.cpuMsPerRequest });

/** The head of a scenario's result: the product's rate against a baseline rate, and the product's latencies. */
export function comparedRates(name, unit, product, baseline) {
  return {
    name,
    product: Math.round(product.rate),
    baseline: Math.round(baseline.rate),
    unit,
    ratio: Math.round((product.rate / baseline.rate) * 1000) / 1000,
    p50Ms: product.p50Ms,
    p99Ms: product.p99Ms,
  };
}
