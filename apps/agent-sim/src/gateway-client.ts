import { setTimeout as sleep } from 'node:timers/promises';

/** Answers worth another try after the wait the gateway asks for (rate limit, bus unavailable). */
const RETRYABLE = new Set([429, 503]);
const MAX_ATTEMPTS = 5;

/** The operator's side of the gateway an agent needs: creating clusters and reading their secrets. */
export class GatewayClient {
  constructor(private readonly baseUrl: string, private readonly token: string) {}

  async createCluster(name: string, version: string): Promise<string> {
    const body = await this.call('POST', '/api/v1/clusters', { name, version });
    return (body as { uuid: string }).uuid;
  }

  async clientSecret(clusterId: string, version: string): Promise<string> {
    const body = await this.call('GET', `/api/v1/clusters/${clusterId}/cluster-install-info?version=${encodeURIComponent(version)}`);
    return (body as { clientSecret: string }).clientSecret;
  }

  private async call(method: string, path: string, body?: object): Promise<unknown> {
    for (let attempt = 1; ; attempt++) {
      const response = await fetch(`${this.baseUrl}${path}`, {
        method,
        headers: { authorization: `Bearer ${this.token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
        body: body ? JSON.stringify(body) : undefined,
      });
      const text = await response.text();
      if (response.ok) return text ? JSON.parse(text) : undefined;
      if (!RETRYABLE.has(response.status) || attempt >= MAX_ATTEMPTS) throw new Error(`${method} ${path} answered ${response.status}: ${text}`);
      const retryAfter = Number(response.headers.get('retry-after') ?? 1);
      await sleep(Math.min(Number.isFinite(retryAfter) && retryAfter >= 0 ? retryAfter : 1, 10) * 1000);
    }
  }
}
