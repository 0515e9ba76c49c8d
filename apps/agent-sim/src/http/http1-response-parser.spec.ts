import { Http1ResponseParser, type Http1Response } from './http1-response-parser';

const OK_JSON = 'HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 15\r\n\r\n{"commands":[]}';

/** Feeds `text` in pieces of `size` bytes; every answer completed along the way. */
function feed(parser: Http1ResponseParser, text: string | Buffer, size = Infinity): Http1Response[] {
  const bytes = Buffer.isBuffer(text) ? text : Buffer.from(text, 'utf8');
  const answers: Http1Response[] = [];
  for (let at = 0; at < bytes.length; at += Math.min(size, bytes.length)) {
    const answer = parser.push(bytes.subarray(at, Math.min(bytes.length, at + size)));
    if (answer) answers.push(answer);
  }
  return answers;
}

describe('Http1ResponseParser', () => {
  it('reads an answer framed by Content-Length', () => {
    expect(feed(new Http1ResponseParser(), OK_JSON)).toEqual([{ status: 200, body: '{"commands":[]}', keepAlive: true }]);
  });

  it('completes the same answer whichever way the bytes are split', () => {
    for (const size of [1, 2, 7, 30, 64]) {
      const parser = new Http1ResponseParser();
      expect(feed(parser, OK_JSON, size)).toEqual([{ status: 200, body: '{"commands":[]}', keepAlive: true }]);
      expect(parser.inProgress).toBe(false);
    }
  });

  it('counts Content-Length in bytes and decodes the body as UTF-8, even split inside a character', () => {
    const body = '{"message":"zerstört – 集群"}';
    const answer = `HTTP/1.1 404 Not Found\r\ncontent-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
    expect(feed(new Http1ResponseParser(), answer, 3)).toEqual([{ status: 404, body, keepAlive: true }]);
  });

  it('keeps the bytes beyond an answer for the next one', () => {
    const parser = new Http1ResponseParser();
    const second = 'HTTP/1.1 401 Unauthorized\r\ncontent-length: 2\r\n\r\n{}';
    expect(feed(parser, OK_JSON + second).map((a) => a.status)).toEqual([200]);
    expect(parser.inProgress).toBe(true);
    expect(parser.push(Buffer.alloc(0))).toEqual({ status: 401, body: '{}', keepAlive: true });
    expect(parser.inProgress).toBe(false);
  });

  it('reads a chunked answer, with chunk extensions and trailers', () => {
    const chunked =
      'HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n' + '5;name=value\r\n{"com\r\n' + 'a\r\nmands":[]}\r\n' + '0\r\nx-trailer: 1\r\n\r\n';
    for (const size of [1, 4, 1000]) expect(feed(new Http1ResponseParser(), chunked, size)).toEqual([{ status: 200, body: '{"commands":[]}', keepAlive: true }]);
  });

  it('lets chunked framing win over a Content-Length sent beside it', () => {
    const both = 'HTTP/1.1 200 OK\r\ncontent-length: 99\r\ntransfer-encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n';
    expect(feed(new Http1ResponseParser(), both)).toEqual([{ status: 200, body: '{}', keepAlive: true }]);
  });

  it('ends an answer with neither length nor chunks when the server closes the connection', () => {
    const parser = new Http1ResponseParser();
    expect(feed(parser, 'HTTP/1.1 503 Service Unavailable\r\nconnection: close\r\n\r\n{"message":"closing"}')).toEqual([]);
    expect(parser.end()).toEqual({ status: 503, body: '{"message":"closing"}', keepAlive: false });
  });

  it('reports no answer when the connection closes before one is complete', () => {
    const parser = new Http1ResponseParser();
    feed(parser, 'HTTP/1.1 200 OK\r\ncontent-length: 15\r\n\r\n{"comm');
    expect(parser.inProgress).toBe(true);
    expect(parser.end()).toBeUndefined();
  });

  it('knows that 204 and 304 carry no body whatever their headers say', () => {
    expect(feed(new Http1ResponseParser(), 'HTTP/1.1 204 No Content\r\ncontent-length: 10\r\n\r\n')).toEqual([{ status: 204, body: '', keepAlive: true }]);
    expect(feed(new Http1ResponseParser(), 'HTTP/1.1 304 Not Modified\r\n\r\n')).toEqual([{ status: 304, body: '', keepAlive: true }]);
  });

  it('skips interim 1xx answers', () => {
    expect(feed(new Http1ResponseParser(), 'HTTP/1.1 100 Continue\r\n\r\n' + OK_JSON).map((a) => a.status)).toEqual([200]);
  });

  it('follows the connection rules of HTTP/1.1 and HTTP/1.0', () => {
    const keepAlive = (head: string) => feed(new Http1ResponseParser(), `${head}\r\ncontent-length: 0\r\n\r\n`)[0]!.keepAlive;
    expect(keepAlive('HTTP/1.1 200 OK\r\nConnection: close')).toBe(false);
    expect(keepAlive('HTTP/1.1 200 OK\r\nconnection: keep-alive')).toBe(true);
    expect(keepAlive('HTTP/1.0 200 OK')).toBe(false);
    expect(keepAlive('HTTP/1.0 200 OK\r\nConnection: Keep-Alive')).toBe(true);
  });

  it('refuses what is not an HTTP/1.x answer', () => {
    expect(() => feed(new Http1ResponseParser(), 'SSH-2.0-OpenSSH\r\n\r\n')).toThrow('not an HTTP/1.x status line');
    expect(() => feed(new Http1ResponseParser(), 'HTTP/1.1 200 OK\r\ncontent-length: ten\r\n\r\n')).toThrow('invalid Content-Length');
    expect(() => feed(new Http1ResponseParser(), 'HTTP/1.1 200 OK\r\ncontent-length: 1\r\ncontent-length: 2\r\n\r\n')).toThrow('invalid Content-Length');
    expect(() => feed(new Http1ResponseParser(), 'HTTP/1.1 200 OK\r\nno colon here\r\n\r\n')).toThrow('malformed HTTP header line');
    expect(() => feed(new Http1ResponseParser(), 'HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\nzz\r\n')).toThrow('malformed chunk size');
    expect(() => feed(new Http1ResponseParser(), Buffer.alloc(70 * 1024, 'a'))).toThrow('header too large');
  });
});
