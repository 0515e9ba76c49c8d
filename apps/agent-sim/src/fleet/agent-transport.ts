import { Http1Connection } from '../http/http1-connection';
import { ConnectionPool } from './connection-pool';

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
  private readonly connections: ConnectionPool<Http1Connection>;
  private readonly basePath: string;

  constructor(gatewayUrl: string, maxSockets: number) {
    const base = new URL(gatewayUrl);
    this.basePath = base.pathname.replace(/\/$/, '');
    this.connections = new ConnectionPool(maxSockets, () => new Http1Connection(base, REPORT_TIMEOUT_MS));
  }

  async report(clusterId: string, secret: string, body: object): Promise<ReportAnswer> {
    const connection = await this.connections.acquire();
    try {
      const path = `${this.basePath}/api/v1/agent/clusters/${clusterId}/status`;
      const response = await connection.post(path, { authorization: `Bearer ${secret}`, 'content-type': 'application/json' }, JSON.stringify(body));
      return toAnswer(response.status, response.body);
    } catch (error) {
      return { kind: 'failed', status: 0, message: (error as Error).message };
    } finally {
      this.connections.release(connection);
    }
  }

  close(): Promise<void> {
    return this.connections.destroy();
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
