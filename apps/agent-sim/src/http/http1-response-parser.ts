/** One complete HTTP/1.1 answer: its status, its body as UTF-8 text, and whether the server keeps the connection. */
export interface Http1Response {
  status: number;
  body: string;
  keepAlive: boolean;
}

const HEADER_END = Buffer.from('\r\n\r\n');
const CRLF = Buffer.from('\r\n');
/** A server that sends more header than this is not the gateway. */
const MAX_HEADER_BYTES = 64 * 1024;

type Framing = { kind: 'length'; bytes: number } | { kind: 'chunked' } | { kind: 'until-close' };

interface Head {
  status: number;
  keepAlive: boolean;
  framing: Framing;
}

/**
 * Reads the answers to requests sent one at a time on a connection (RFC 9112): the status line,
 * the headers it needs (Content-Length, Transfer-Encoding, Connection) and the body, framed by
 * length, by chunks, or by the server closing the connection. Bytes arrive in any split;
 * `push` returns the answer once it is whole. Interim (1xx) answers are skipped.
 */
export class Http1ResponseParser {
  private buffered: Buffer = Buffer.alloc(0);
  private head?: Head;
  private bodyParts: Buffer[] = [];

  /** Adds bytes from the socket; the answer they complete, if any. Throws on a malformed answer. */
  push(bytes: Buffer): Http1Response | undefined {
    this.buffered = this.buffered.length === 0 ? bytes : Buffer.concat([this.buffered, bytes]);
    for (;;) {
      if (!this.head) {
        const end = this.buffered.indexOf(HEADER_END);
        if (end < 0) {
          if (this.buffered.length > MAX_HEADER_BYTES) throw new Error('HTTP response header too large');
          return undefined;
        }
        const head = parseHead(this.buffered.toString('latin1', 0, end));
        this.buffered = this.buffered.subarray(end + HEADER_END.length);
        if (head.status >= 100 && head.status < 200) continue;
        this.head = head;
      }
      return this.readBody(this.head);
    }
  }

  /** The server closed the connection: completes an answer framed by the close, else there was none. */
  end(): Http1Response | undefined {
    if (this.head?.framing.kind !== 'until-close') return undefined;
    this.bodyParts.push(this.buffered);
    this.buffered = Buffer.alloc(0);
    return this.complete({ ...this.head, keepAlive: false });
  }

  /** True between the first byte of an answer and its last. */
  get inProgress(): boolean {
    return this.head !== undefined || this.buffered.length > 0;
  }

  private readBody(head: Head): Http1Response | undefined {
    const { framing } = head;
    if (framing.kind === 'until-close') return undefined;
    if (framing.kind === 'length') {
      if (this.buffered.length < framing.bytes) return undefined;
      this.bodyParts.push(this.buffered.subarray(0, framing.bytes));
      this.buffered = this.buffered.subarray(framing.bytes);
      return this.complete(head);
    }
    return this.readChunks(head);
  }

  /** Chunks (`size[;ext]CRLF data CRLF`), then the last chunk `0` and optional trailers up to an empty line. */
  private readChunks(head: Head): Http1Response | undefined {
    for (;;) {
      const lineEnd = this.buffered.indexOf(CRLF);
      if (lineEnd < 0) return undefined;
      const size = parseChunkSize(this.buffered.toString('latin1', 0, lineEnd));
      if (size === 0) {
        // The last chunk's line ends where the trailers start; the first empty line ends them
        // (with no trailers it follows at once, and the CRLF CRLF starts at `lineEnd`).
        const trailersEnd = this.buffered.indexOf(HEADER_END, lineEnd);
        if (trailersEnd < 0) return undefined;
        this.buffered = this.buffered.subarray(trailersEnd + HEADER_END.length);
        return this.complete(head);
      }
      const dataStart = lineEnd + CRLF.length;
      if (this.buffered.length < dataStart + size + CRLF.length) return undefined;
      this.bodyParts.push(this.buffered.subarray(dataStart, dataStart + size));
      this.buffered = this.buffered.subarray(dataStart + size + CRLF.length);
    }
  }

  private complete(head: Head): Http1Response {
    const body = this.bodyParts.length === 1 ? this.bodyParts[0]!.toString('utf8') : Buffer.concat(this.bodyParts).toString('utf8');
    this.head = undefined;
    this.bodyParts = [];
    return { status: head.status, body, keepAlive: head.keepAlive };
  }
}

function parseHead(text: string): Head {
  const lines = text.split('\r\n');
  const statusLine = /^HTTP\/1\.([01]) (\d{3})(?: |$)/.exec(lines[0] ?? '');
  if (!statusLine) throw new Error(`not an HTTP/1.x status line: ${JSON.stringify((lines[0] ?? '').slice(0, 80))}`);
  const status = Number(statusLine[2]);
  let contentLength: number | undefined;
  let chunked = false;
  let connection = '';
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!;
    const colon = line.indexOf(':');
    if (colon <= 0) throw new Error(`malformed HTTP header line: ${JSON.stringify(line.slice(0, 80))}`);
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (name === 'content-length') {
      if (!/^\d+$/.test(value) || (contentLength !== undefined && contentLength !== Number(value))) throw new Error(`invalid Content-Length: ${value}`);
      contentLength = Number(value);
    } else if (name === 'transfer-encoding') chunked = value.toLowerCase().split(',').map((v) => v.trim()).at(-1) === 'chunked';
    else if (name === 'connection') connection = value.toLowerCase();
  }
  // HTTP/1.1 keeps the connection unless told to close; HTTP/1.0 closes unless told to keep it.
  const keepAlive = statusLine[1] === '1' ? !/\bclose\b/.test(connection) : /\bkeep-alive\b/.test(connection);
  return { status, keepAlive, framing: framingOf(status, chunked, contentLength) };
}

/** RFC 9112 section 6.3: no body for 1xx, 204 and 304; chunked wins over a length; else the close ends it. */
function framingOf(status: number, chunked: boolean, contentLength: number | undefined): Framing {
  if ((status >= 100 && status < 200) || status === 204 || status === 304) return { kind: 'length', bytes: 0 };
  if (chunked) return { kind: 'chunked' };
  if (contentLength !== undefined) return { kind: 'length', bytes: contentLength };
  return { kind: 'until-close' };
}

function parseChunkSize(line: string): number {
  const size = /^([0-9a-fA-F]+)(?:[ \t]*;.*)?$/.exec(line.trim());
  if (!size) throw new Error(`malformed chunk size: ${JSON.stringify(line.slice(0, 40))}`);
  return parseInt(size[1]!, 16);
}
