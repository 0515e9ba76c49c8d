import * as http from 'node:http';
import * as https from 'node:https';

export interface AgentCommand {
  command: string;
  id: string;
}

export type ReportAnswer =
  | { kind: 'accepted'; commands: AgentCommand[] }
  /** 404: the cluster was deleted; the answer tells the agent to uninstall and stop. */
  | { kind: 'deleted'; message: string }
  /** 401: the secret is wrong or revoked; retrying the same secret cannot help. */
  | { kind: 'rejected'; message: string }
  /** Anything else (5xx, a closed connection, a timeout): worth another try next round. */
  | { kind: 'failed'; status: number; message: string };

const REPORT_TIMEOUT_MS = 30_000;

/**
 * Posts agent reports over kept-alive connections (one pool for every simulated agent), so a
 * process reporting for thousands of clusters pays the TCP handshake once per socket.
 */
export class AgentTransport {
  private readonly client: typeof http | typeof https;
  private readonly pool: http.Agent;
  private readonly base: URL;

  constructor(gatewayUrl: string, maxSockets: number) {
    this.base = new URL(gatewayUrl);
    this.client = this.base.protocol === 'https:' ? https : http;
    this.pool = new this.client.Agent({ keepAlive: true, maxSockets, maxFreeSockets: maxSockets });
  }

  report(clusterId: string, secret: string, body: object): Promise<ReportAnswer> {
    const payload = JSON.stringify(body);
    return new Promise((resolve) => {
      const request = this.client.request(
        {
          agent: this.pool,
          protocol: this.base.protocol,
          hostname: this.base.hostname,
          port: this.base.port,
          method: 'POST',
          path: `${this.base.pathname.replace(/\/$/, '')}/api/v1/agent/clusters/${clusterId}/status`,
          headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) },
          timeout: REPORT_TIMEOUT_MS,
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => resolve(toAnswer(response.statusCode ?? 0, Buffer.concat(chunks).toString('utf8'))));
          response.on('error', (error) => resolve({ kind: 'failed', status: 0, message: error.message }));
        },
      );
      request.on('timeout', () => request.destroy(new Error(`no answer within ${REPORT_TIMEOUT_MS} ms`)));
      request.on('error', (error) => resolve({ kind: 'failed', status: 0, message: error.message }));
      request.end(payload);
    });
  }

  close(): void {
    this.pool.destroy();
  }
}

function toAnswer(status: number, text: string): ReportAnswer {
  const body = parseJson(text);
  const message = typeof body?.['message'] === 'string' ? body['message'] : text.slice(0, 200);
  if (status === 200) return { kind: 'accepted', commands: Array.isArray(body?.['commands']) ? (body['commands'] as AgentCommand[]) : [] };
  if (status === 404) return { kind: 'deleted', message };
  if (status === 401) return { kind: 'rejected', message };
  return { kind: 'failed', status, message };
}

function parseJson(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
