import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import { AppError } from '@clusterplane/contracts';
import { renderError } from './dialect-error-renderer';

/** What Node's HTTP parser says about a request it could not read. */
export type ClientError = Error & { code?: string; rawPacket?: unknown };

const REQUEST_TARGET = /^[A-Z]+ ([^\s]+)/;

/**
 * The request target as far as the parser received it (it may be cut short, or absent), enough
 * to tell the dialect by its prefix.
 */
function requestTarget(rawPacket: unknown): string {
  const head = Buffer.isBuffer(rawPacket) ? rawPacket.subarray(0, 4096).toString('latin1') : '';
  return REQUEST_TARGET.exec(head)?.[1] ?? '';
}

function clientProblem(error: ClientError): AppError {
  if (error.code === 'HPE_HEADER_OVERFLOW') return new AppError('invalid_argument', 'request headers are larger than 16 KiB', [], 431);
  if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT') return new AppError('invalid_argument', 'the request was not received in time', [], 408);
  return new AppError('invalid_argument', 'malformed HTTP request', []);
}

/**
 * Fastify's `clientErrorHandler`: a request Node's parser refused (headers over 16 KiB, a byte
 * no URL may hold, a broken request line) never reaches a route, yet it is answered like one,
 * in the body of the dialect its path names. The connection is closed after the answer, as
 * Node does: what follows on it cannot be trusted.
 */
export function answerClientError(error: ClientError, socket: Duplex): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const rendered = renderError(requestTarget(error.rawPacket), clientProblem(error));
  const body = JSON.stringify(rendered.body);
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${rendered.status} ${STATUS_CODES[rendered.status] ?? ''}\r\n` +
        `Content-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}
