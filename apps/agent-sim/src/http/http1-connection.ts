import net from 'node:net';
import tls from 'node:tls';
import { Http1ResponseParser, type Http1Response } from './http1-response-parser';

interface InFlight {
  resolve: (response: Http1Response) => void;
  reject: (error: Error) => void;
}

const UNSAFE_HEADER_VALUE = /[\r\n\0]/;

/**
 * One kept-alive HTTP/1.1 connection (TLS for an https origin) carrying one request at a time,
 * as one agent's connection does. It (re)connects when a request needs it and drops the socket
 * when the server closes it, fails, or does not answer in `timeoutMs`.
 *
 * The simulator reports for thousands of clusters from one process, on the machine of the
 * control plane it loads: a request costs it about 30 µs of CPU this way against about 85 µs
 * through undici (the request object, its header parsing and its body stream), and every
 * microsecond the simulator spends is one the control plane does not get.
 */
export class Http1Connection {
  private socket?: net.Socket;
  private parser = new Http1ResponseParser();
  private inFlight?: InFlight;
  private readonly hostHeader: string;

  /** `tls`: options for an https origin beyond the host name, e.g. the `ca` of a private certificate authority. */
  constructor(
    private readonly origin: URL,
    private readonly timeoutMs: number,
    private readonly tls: tls.ConnectionOptions = {},
  ) {
    if (origin.protocol !== 'http:' && origin.protocol !== 'https:') throw new Error(`unsupported protocol ${origin.protocol} (http: or https:)`);
    this.hostHeader = origin.host;
  }

  /** Sends a POST of `body` (JSON text) and resolves with the answer; rejects on a network error or timeout. */
  post(path: string, headers: Record<string, string>, body: string): Promise<Http1Response> {
    if (this.inFlight) return Promise.reject(new Error('a request is already in flight on this connection'));
    let head = `POST ${path} HTTP/1.1\r\nhost: ${this.hostHeader}\r\n`;
    for (const name in headers) {
      const value = headers[name]!;
      if (UNSAFE_HEADER_VALUE.test(value) || UNSAFE_HEADER_VALUE.test(name)) return Promise.reject(new Error(`header ${name} holds a line break or NUL`));
      head += `${name}: ${value}\r\n`;
    }
    head += `content-length: ${Buffer.byteLength(body)}\r\n\r\n`;
    return new Promise((resolve, reject) => {
      this.inFlight = { resolve, reject };
      this.connected().write(head + body);
    });
  }

  destroy(): Promise<void> {
    this.fail(new Error('connection closed by the client'));
    return Promise.resolve();
  }

  private connected(): net.Socket {
    if (this.socket) return this.socket;
    const port = Number(this.origin.port) || (this.origin.protocol === 'https:' ? 443 : 80);
    const host = this.origin.hostname.replace(/^\[|\]$/g, '');
    // Writes made before the connection is up are queued by the socket.
    const socket =
      this.origin.protocol === 'https:' ? tls.connect({ ...this.tls, host, port, servername: net.isIP(host) ? undefined : host }) : net.connect({ host, port });
    socket.setNoDelay(true);
    socket.setTimeout(this.timeoutMs, () => {
      if (this.inFlight) this.fail(new Error(`no answer in ${this.timeoutMs} ms`));
    });
    socket.on('data', (bytes: Buffer) => this.onData(socket, bytes));
    socket.on('end', () => this.onEnd(socket));
    socket.on('error', (error) => this.fail(error, socket));
    socket.on('close', () => this.fail(new Error('the server closed the connection'), socket));
    this.socket = socket;
    this.parser = new Http1ResponseParser();
    return socket;
  }

  private onData(socket: net.Socket, bytes: Buffer): void {
    if (socket !== this.socket) return;
    let response: Http1Response | undefined;
    try {
      response = this.parser.push(bytes);
    } catch (error) {
      this.fail(error as Error);
      return;
    }
    if (!response) return;
    if (!this.inFlight) {
      this.fail(new Error('the server answered a request that was not sent'));
      return;
    }
    this.settle(response);
    // Bytes beyond the answer to the one request sent cannot belong to a later one.
    if (!response.keepAlive || this.parser.inProgress) this.drop();
  }

  private onEnd(socket: net.Socket): void {
    if (socket !== this.socket) return;
    const response = this.parser.end();
    if (response && this.inFlight) {
      this.settle(response);
      this.drop();
    } else this.fail(new Error('the server closed the connection before answering'));
  }

  private settle(response: Http1Response): void {
    const inFlight = this.inFlight!;
    this.inFlight = undefined;
    inFlight.resolve(response);
  }

  /** Forgets the socket (the next request opens another) and fails the request in flight, if any. */
  private fail(error: Error, socket?: net.Socket): void {
    if (socket && socket !== this.socket) return;
    this.drop();
    const inFlight = this.inFlight;
    this.inFlight = undefined;
    inFlight?.reject(error);
  }

  private drop(): void {
    const socket = this.socket;
    this.socket = undefined;
    socket?.destroy();
  }
}
