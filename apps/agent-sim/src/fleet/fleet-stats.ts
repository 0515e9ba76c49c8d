/** Latencies kept for percentiles; a long run keeps counting but stops storing beyond this. */
const MAX_LATENCIES = 500_000;

/** Counters of one fleet run; latencies are HTTP round trips of accepted reports. */
export class FleetStats {
  sent = 0;
  accepted = 0;
  failed = 0;
  readonly stopped = { uninstalled: 0, deleted: 0, rejected: 0, silent: 0 };
  readonly latenciesMs: number[] = [];

  recordLatency(ms: number): void {
    if (this.latenciesMs.length < MAX_LATENCIES) this.latenciesMs.push(ms);
  }

  percentile(p: number): number {
    if (this.latenciesMs.length === 0) return 0;
    const sorted = Float64Array.from(this.latenciesMs).sort();
    return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
  }

  summary(): Record<string, unknown> {
    return {
      sent: this.sent,
      accepted: this.accepted,
      failed: this.failed,
      stopped: this.stopped,
      p50Ms: round(this.percentile(50)),
      p99Ms: round(this.percentile(99)),
    };
  }
}

const round = (value: number): number => Math.round(value * 10) / 10;
