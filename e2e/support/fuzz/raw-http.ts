import { Agent, request, type ClientRequest } from 'node:http';

export interface RawAnswer {
  /** 0 when no answer came (the connection failed or timed out); -1 when Node refused to send it. */
  status: number;
  contentType: string;
  text: string;
  error?: string;
}

export interface RawRequest {
  method: string;
  /** Sent exactly as given: the fuzzer decides what is encoded. */
  path: string;
  headers: Record<string, string | string[]>;
  body?: string;
}

/**
 * HTTP/1.1 without the normalising `fetch` does (it would resolve `..`, re-encode the path and
 * merge repeated headers): the request goes out as the case wrote it. Connections are kept
 * alive; a bad request may rightly make the server close one, so a request that got no answer
 * on a reused connection is sent once more on a fresh one, and only that answer counts.
 */
export class RawHttpClient {
  private readonly agent: Agent;
  private readonly url: URL;

  constructor(
    baseUrl: string,
    concurrency: number,
    private readonly timeoutMs: number,
  ) {
    this.url = new URL(baseUrl);
    this.agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  }

  async send(raw: RawRequest): Promise<RawAnswer> {
    const first = await this.attempt(raw, this.agent);
    return first.answer.status === 0 && first.reused ? (await this.attempt(raw, false)).answer : first.answer;
  }

  close(): void {
    this.agent.destroy();
  }

  private attempt(raw: RawRequest, agent: Agent | false): Promise<{ answer: RawAnswer; reused: boolean }> {
    return new Promise((resolve) => {
      let outgoing: ClientRequest | undefined;
      let settled = false;
      const done = (answer: RawAnswer) => {
        if (settled) return;
        settled = true;
        resolve({ answer, reused: outgoing?.reusedSocket ?? false });
      };
      try {
        const body = raw.body === undefined ? undefined : Buffer.from(raw.body, 'utf8');
        const headers = { ...raw.headers, ...(body === undefined ? {} : { 'content-length': String(body.length) }) };
        outgoing = request({ host: this.url.hostname, port: this.url.port, method: raw.method, path: raw.path, headers, agent, timeout: this.timeoutMs }, (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => done({ status: response.statusCode ?? 0, contentType: String(response.headers['content-type'] ?? ''), text: Buffer.concat(chunks).toString('utf8') }));
          response.on('error', (error) => done({ status: response.statusCode ?? 0, contentType: '', text: '', error: error.message }));
        });
        outgoing.on('timeout', () => outgoing?.destroy(new Error(`no answer within ${this.timeoutMs} ms`)));
        outgoing.on('error', (error) => done({ status: 0, contentType: '', text: '', error: error.message }));
        outgoing.end(body);
      } catch (error) {
        // Node refused to send it (a character it does not put in a header or a path).
        done({ status: -1, contentType: '', text: '', error: (error as Error).message });
      }
    });
  }
}
