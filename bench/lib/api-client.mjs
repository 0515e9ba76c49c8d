// A JSON client for the product's API where each call's own timing matters (open-loop load,
// request → effect latencies): one kept-alive socket pool, a bearer token (bench/lib/tokens.mjs),
// and each call's send time and round trip.
import * as http from 'node:http';

const REQUEST_TIMEOUT_MS = 30_000;

export class ApiClient {
  constructor(baseUrl, token, maxSockets = 256) {
    this.base = new URL(baseUrl);
    this.token = token;
    this.pool = new http.Agent({ keepAlive: true, maxSockets, maxFreeSockets: maxSockets });
  }

  /** Resolves with {status, body, sentAt (epoch ms), ms}; a transport error is status 0. */
  request(method, path, body) {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const sentAt = Date.now();
    const started = performance.now();
    return new Promise((resolve) => {
      const done = (status, text) => resolve({ status, body: parseJson(text), text, sentAt, ms: performance.now() - started });
      const request = http.request(
        {
          agent: this.pool,
          hostname: this.base.hostname,
          port: this.base.port,
          method,
          path,
          headers: {
            authorization: `Bearer ${this.token}`,
            ...(payload === undefined ? {} : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }),
          },
          timeout: REQUEST_TIMEOUT_MS,
        },
        (response) => {
          const chunks = [];
          response.on('data', (chunk) => chunks.push(chunk));
          response.on('end', () => done(response.statusCode ?? 0, Buffer.concat(chunks).toString('utf8')));
          response.on('error', (error) => done(0, error.message));
        },
      );
      request.on('timeout', () => request.destroy(new Error(`no answer within ${REQUEST_TIMEOUT_MS} ms`)));
      request.on('error', (error) => done(0, error.message));
      request.end(payload);
    });
  }

  close() {
    this.pool.destroy();
  }
}

function parseJson(text) {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
