import { http, type HttpResult } from './http-client';

/** A minimal healthy agent report, as the agent protocol (SPEC section 6) expects. */
export function healthyAgentReport(reportedAt = new Date(), acks: { command: 'uninstall'; id: string }[] = []): Record<string, unknown> {
  return {
    reportedAt: reportedAt.toISOString(),
    version: '2.24',
    conditions: [{ type: 'Available', status: 'True', reason: 'Ready', message: '' }],
    operands: {},
    dependencies: { required: {}, optional: {} },
    ...(acks.length ? { acks } : {}),
  };
}

/** Plays one cluster's agent against the gateway: fetch its secret once, then report. */
export class TestAgent {
  private secret?: string;

  constructor(private readonly gatewayUrl: string, private readonly userToken: string, readonly clusterId: string) {}

  async report(body: Record<string, unknown> = healthyAgentReport()): Promise<HttpResult<{ commands?: { command: string; id: string }[] }>> {
    this.secret ??= (await http<{ clientSecret: string }>(this.gatewayUrl, 'GET', `/api/v1/clusters/${this.clusterId}/cluster-install-info?version=2.24`, { token: this.userToken })).body.clientSecret;
    return http(this.gatewayUrl, 'POST', `/api/v1/agent/clusters/${this.clusterId}/status`, { token: this.secret, body });
  }
}
