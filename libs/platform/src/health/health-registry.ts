export interface HealthIndicator {
  /** Dependency name shown in `/readyz`, e.g. `postgres`. */
  readonly name: string;
  /** Resolves when the dependency answers; rejects with the reason otherwise. */
  check(): Promise<void>;
}

export interface ReadinessReport {
  ready: boolean;
  checks: Record<string, { ok: boolean; error?: string; ms: number }>;
}

const CHECK_TIMEOUT_MS = 2_000;

/** Infrastructure modules register a probe for what they own; `/readyz` runs them all. */
export class HealthRegistry {
  private readonly indicators: HealthIndicator[] = [];

  register(indicator: HealthIndicator): void {
    this.indicators.push(indicator);
  }

  async readiness(): Promise<ReadinessReport> {
    const results = await Promise.all(this.indicators.map((indicator) => this.run(indicator)));
    const checks = Object.fromEntries(results);
    return { ready: results.every(([, r]) => r.ok), checks };
  }

  private async run(indicator: HealthIndicator): Promise<[string, { ok: boolean; error?: string; ms: number }]> {
    const started = performance.now();
    let timer: NodeJS.Timeout | undefined;
    try {
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS);
      });
      await Promise.race([indicator.check(), timeout]);
      return [indicator.name, { ok: true, ms: Math.round(performance.now() - started) }];
    } catch (error) {
      return [indicator.name, { ok: false, error: (error as Error).message, ms: Math.round(performance.now() - started) }];
    } finally {
      clearTimeout(timer);
    }
  }
}
