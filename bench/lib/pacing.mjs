// How a scenario paces its requests and waits for their effects.
import { setTimeout as sleep } from 'node:timers/promises';

/** Calls `send(i)` for i < count at `ratePerSecond`, on schedule whatever the answers take (open loop). */
export async function openLoop(count, ratePerSecond, send) {
  const intervalMs = 1000 / ratePerSecond;
  const started = performance.now();
  const pending = [];
  for (let i = 0; i < count; ) {
    const due = Math.min(count, Math.floor((performance.now() - started) / intervalMs) + 1);
    while (i < due) pending.push(send(i++));
    if (i < count) await sleep(Math.max(0, started + i * intervalMs - performance.now()));
  }
  return Promise.all(pending);
}

/** `fn` over `items` with at most `concurrency` calls in flight (closed loop: as fast as answers come); results in item order. */
export async function mapWithConcurrency(items, concurrency, fn) {
  const results = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index], index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  return results;
}

/** Polls `condition` until it holds (true) or `timeoutMs` passes (false). */
export async function waitUntil(condition, timeoutMs, pollMs = 100) {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) return false;
    await sleep(pollMs);
  }
  return true;
}
