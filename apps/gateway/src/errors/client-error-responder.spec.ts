import { PassThrough } from 'node:stream';
import { answerClientError, type ClientError } from './client-error-responder';

function socket() {
  const stream = new PassThrough();
  stream.on('error', () => undefined); // the server's socket has its listener; destroy(error) emits there
  const written: string[] = [];
  stream.write = ((chunk: string) => written.push(chunk)) as never;
  return { stream, written };
}

const parserError = (code: string, head?: string): ClientError => Object.assign(new Error(`Parse Error: ${code}`), { code, rawPacket: head === undefined ? undefined : Buffer.from(head, 'latin1') });

/** The status line and JSON body of the one answer written. */
function answer(written: string[]): { statusLine: string; body: unknown } {
  expect(written).toHaveLength(1);
  const [head, body] = written[0]!.split('\r\n\r\n') as [string, string];
  expect(head).toContain('Content-Type: application/json');
  expect(head).toContain(`Content-Length: ${Buffer.byteLength(body)}`);
  return { statusLine: head.split('\r\n')[0]!, body: JSON.parse(body) };
}

describe('answerClientError', () => {
  it('answers headers over the limit with 431 in the dialect the request line names, then closes', () => {
    const { stream, written } = socket();
    answerClientError(parserError('HPE_HEADER_OVERFLOW', `GET /api/v1alpha1/instances HTTP/1.1\r\nx-large: ${'h'.repeat(100)}`), stream);
    expect(answer(written)).toEqual({ statusLine: 'HTTP/1.1 431 Request Header Fields Too Large', body: { message: 'request headers are larger than 16 KiB' } });
    expect(stream.destroyed).toBe(true);
  });

  it('answers a request line it could not read with 400, even when it was cut short', () => {
    const { stream, written } = socket();
    answerClientError(parserError('HPE_INVALID_URL', 'GET /api/svc/v1/clusters/\u00e9'), stream);
    expect(answer(written)).toEqual({ statusLine: 'HTTP/1.1 400 Bad Request', body: { statusCode: 400, message: 'malformed HTTP request', code: 'invalid_argument', details: [] } });
  });

  it('uses the default body when nothing of the request was read', () => {
    const { stream, written } = socket();
    answerClientError(parserError('HPE_INVALID_METHOD'), stream);
    expect(answer(written).body).toEqual({ code: 400, message: 'malformed HTTP request' });
  });

  it('writes nothing on a connection the client already reset', () => {
    const { stream, written } = socket();
    answerClientError(parserError('ECONNRESET', 'GET / HTTP/1.1'), stream);
    expect(written).toEqual([]);
  });
});
