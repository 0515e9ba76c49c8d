/** The few gateway calls an agent (and its operator) makes, over plain HTTP. */
export class GatewayClient {
  constructor(private readonly baseUrl: string, private readonly token: string) {}

  async createCluster(name: string, version: string): Promise<string> {
    const body = await this.call('POST', '/api/v1/clusters', this.token, { name, version });
    return (body as { uuid: string }).uuid;
  }

  async clientSecret(clusterId: string, version: string): Promise<string> {
    const body = await this.call('GET', `/api/v1/clusters/${clusterId}/cluster-install-info?version=${encodeURIComponent(version)}`, this.token);
    return (body as { clientSecret: string }).clientSecret;
  }

  /** Returns the commands in the answer, or 'deleted' when the control plane says the cluster is gone. */
  async report(clusterId: string, secret: string, report: object): Promise<{ command: string; id: string }[] | 'deleted'> {
    const response = await fetch(`${this.baseUrl}/api/v1/agent/clusters/${clusterId}/status`, {
      method: 'POST',
      headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
      body: JSON.stringify(report),
    });
    if (response.status === 404) return 'deleted';
    if (!response.ok) throw new Error(`report for ${clusterId} answered ${response.status}: ${await response.text()}`);
    return ((await response.json()) as { commands: { command: string; id: string }[] }).commands;
  }

  private async call(method: string, path: string, token: string, body?: object): Promise<unknown> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${text}`);
    return text ? JSON.parse(text) : undefined;
  }
}
