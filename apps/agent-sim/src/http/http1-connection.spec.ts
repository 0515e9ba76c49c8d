import { readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Http1Connection } from './http1-connection';

type Handler = (request: http.IncomingMessage, body: string, response: http.ServerResponse) => void;

/** A local Node HTTP server that hands each request, with its body, to `handler`. */
async function serve(handler: Handler): Promise<{ url: URL; connections: () => number; close: () => Promise<void> }> {
  let opened = 0;
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => handler(request, Buffer.concat(chunks).toString('utf8'), response));
  });
  server.on('connection', () => opened++);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: new URL(`http://127.0.0.1:${port}`),
    connections: () => opened,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

const json = (response: http.ServerResponse, status: number, body: unknown, headers: http.OutgoingHttpHeaders = {}) => {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers });
  response.end(text);
};

describe('Http1Connection', () => {
  const closers: (() => Promise<void>)[] = [];
  afterEach(async () => {
    await Promise.all(closers.splice(0).map((close) => close()));
  });

  async function start(handler: Handler) {
    const server = await serve(handler);
    closers.push(server.close);
    return server;
  }

  it('posts the body with its headers and reads the answer, over one kept-alive socket', async () => {
    const seen: { method?: string; url?: string; auth?: string; type?: string; length?: string; host?: string; body: string }[] = [];
    const server = await start((request, body, response) => {
      const h = request.headers;
      seen.push({ method: request.method, url: request.url, auth: h.authorization, type: h['content-type'], length: h['content-length'], host: h.host, body });
      json(response, 200, { commands: [{ command: 'uninstall', id: 'c1' }], echo: body.length });
    });
    const connection = new Http1Connection(server.url, 5_000);
    closers.push(() => connection.destroy());
    const body = JSON.stringify({ reportedAt: '2026-11-24T10:00:00.000Z', note: 'héllo' });

    const first = await connection.post('/api/v1/agent/clusters/x/status', { authorization: 'Bearer s3cret', 'content-type': 'application/json' }, body);
    const second = await connection.post('/other', {}, '{}');

    expect(first).toEqual({ status: 200, body: JSON.stringify({ commands: [{ command: 'uninstall', id: 'c1' }], echo: body.length }), keepAlive: true });
    expect(second.status).toBe(200);
    expect(seen[0]).toEqual({
      method: 'POST',
      url: '/api/v1/agent/clusters/x/status',
      auth: 'Bearer s3cret',
      type: 'application/json',
      length: String(Buffer.byteLength(body)),
      host: server.url.host,
      body,
    });
    expect(seen[1]!.url).toBe('/other');
    expect(server.connections()).toBe(1);
  });

  it('reads chunked answers and error statuses', async () => {
    const server = await start((_request, _body, response) => {
      response.writeHead(404, { 'content-type': 'application/json' });
      response.write('{"message":');
      response.end('"cluster was deleted"}');
    });
    const connection = new Http1Connection(server.url, 5_000);
    closers.push(() => connection.destroy());
    expect(await connection.post('/', {}, '{}')).toEqual({ status: 404, body: '{"message":"cluster was deleted"}', keepAlive: true });
  });

  it('opens a new socket after the server asked to close the last one', async () => {
    const server = await start((_request, _body, response) => json(response, 503, { message: 'closing' }, { connection: 'close' }));
    const connection = new Http1Connection(server.url, 5_000);
    closers.push(() => connection.destroy());
    expect((await connection.post('/', {}, '{}')).keepAlive).toBe(false);
    expect((await connection.post('/', {}, '{}')).status).toBe(503);
    expect(server.connections()).toBe(2);
  });

  it('fails a request the server drops, and the next request connects again', async () => {
    let requests = 0;
    const server = await start((request, _body, response) => {
      if (++requests === 1) request.socket.destroy();
      else json(response, 200, { commands: [] });
    });
    const connection = new Http1Connection(server.url, 5_000);
    closers.push(() => connection.destroy());
    await expect(connection.post('/', {}, '{}')).rejects.toThrow(/closed|ECONNRESET/);
    expect((await connection.post('/', {}, '{}')).status).toBe(200);
  });

  it('fails a request that gets no answer in time', async () => {
    const server = await start(() => undefined);
    const connection = new Http1Connection(server.url, 200);
    closers.push(() => connection.destroy());
    await expect(connection.post('/', {}, '{}')).rejects.toThrow('no answer in 200 ms');
  });

  it('fails when nothing listens, without throwing', async () => {
    const probe = net.createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as AddressInfo;
    await new Promise((resolve) => probe.close(resolve));
    const connection = new Http1Connection(new URL(`http://127.0.0.1:${port}`), 5_000);
    await expect(connection.post('/', {}, '{}')).rejects.toThrow(/ECONNREFUSED/);
  });

  it('speaks TLS to an https origin and checks its certificate', async () => {
    const cert = readFileSync(join(__dirname, 'testing', 'localhost-cert.pem'));
    const server = https.createServer({ cert, key: readFileSync(join(__dirname, 'testing', 'localhost-key.pem')) }, (_request, response) => json(response, 200, { commands: [] }));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    closers.push(() => new Promise((resolve) => server.close(() => resolve())));
    const { port } = server.address() as AddressInfo;

    const trusted = new Http1Connection(new URL(`https://localhost:${port}`), 5_000, { ca: cert });
    closers.push(() => trusted.destroy());
    expect(await trusted.post('/', {}, '{}')).toEqual({ status: 200, body: '{"commands":[]}', keepAlive: true });
    // The same server without its CA: the handshake fails and so does the request.
    const untrusted = new Http1Connection(new URL(`https://localhost:${port}`), 5_000);
    await expect(untrusted.post('/', {}, '{}')).rejects.toThrow(/self[- ]signed|unable to verify/i);
  });

  it('refuses a header value that would split the request', async () => {
    const connection = new Http1Connection(new URL('http://127.0.0.1:1'), 5_000);
    await expect(connection.post('/', { authorization: 'Bearer a\r\nx-injected: 1' }, '{}')).rejects.toThrow('line break');
  });

  it('refuses a second request while one is in flight, and an unsupported protocol', async () => {
    const server = await start((_request, _body, response) => setTimeout(() => json(response, 200, {}), 20));
    const connection = new Http1Connection(server.url, 5_000);
    closers.push(() => connection.destroy());
    const first = connection.post('/', {}, '{}');
    await expect(connection.post('/', {}, '{}')).rejects.toThrow('already in flight');
    expect((await first).status).toBe(200);
    expect(() => new Http1Connection(new URL('ftp://example.com'), 5_000)).toThrow('unsupported protocol');
  });
});
