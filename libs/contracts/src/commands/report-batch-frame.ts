import { AppError } from '../errors/app-error';

/** One agent report as the gateway forwards it: who sent it, as verified, and its body as sent. */
export interface FramedReport {
  clusterId: string;
  tenantId: number;
  secretVersion?: number;
  receivedAt: string;
  /** The request body, UTF-8 JSON, unparsed: the status service parses and validates it. */
  body: Uint8Array;
}

const HEADER_LENGTH_BYTES = 4;
const encoder = new TextEncoder();
const decoder = new TextDecoder();
const malformed = (why: string) => new AppError('invalid_argument', `malformed report batch: ${why}`);

/**
 * A batch of agent reports in one message without parsing or re-serialising their bodies:
 * a 4-byte big-endian length, a JSON header listing each report's envelope and body length,
 * then the bodies back to back. The gateway only authenticates an agent, so a body it forwards
 * costs it a copy instead of a JSON parse and a stringify.
 */
export function encodeReportBatch({ reports }: { reports: FramedReport[] }): Uint8Array {
  const header = encoder.encode(JSON.stringify(reports.map(({ body, ...envelope }) => ({ ...envelope, bytes: body.byteLength }))));
  let total = HEADER_LENGTH_BYTES + header.byteLength;
  for (const report of reports) total += report.body.byteLength;
  const frame = new Uint8Array(total);
  new DataView(frame.buffer).setUint32(0, header.byteLength);
  frame.set(header, HEADER_LENGTH_BYTES);
  let offset = HEADER_LENGTH_BYTES + header.byteLength;
  for (const { body } of reports) {
    frame.set(body, offset);
    offset += body.byteLength;
  }
  return frame;
}

/**
 * The batch `encodeReportBatch` made, each body a view into `frame`. Only the framing is
 * checked here (lengths that add up, a JSON header); the command's schema checks the envelopes.
 */
export function decodeReportBatch(frame: Uint8Array): { reports: unknown[] } {
  if (frame.byteLength < HEADER_LENGTH_BYTES) throw malformed('shorter than its header length');
  const headerLength = new DataView(frame.buffer, frame.byteOffset, frame.byteLength).getUint32(0);
  let offset = HEADER_LENGTH_BYTES + headerLength;
  if (offset > frame.byteLength) throw malformed('header longer than the message');
  let header: unknown;
  try {
    header = JSON.parse(decoder.decode(frame.subarray(HEADER_LENGTH_BYTES, offset)));
  } catch {
    throw malformed('header is not JSON');
  }
  if (!Array.isArray(header)) throw malformed('header is not a list');
  const reports = header.map((entry: unknown) => {
    const bytes = (entry as { bytes?: unknown } | null)?.bytes;
    if (typeof bytes !== 'number' || !Number.isInteger(bytes) || bytes < 0 || offset + bytes > frame.byteLength) throw malformed('body lengths exceed the message');
    const { bytes: _bytes, ...envelope } = entry as Record<string, unknown>;
    const body = frame.subarray(offset, offset + bytes);
    offset += bytes;
    return { ...envelope, body };
  });
  if (offset !== frame.byteLength) throw malformed('bytes left over after the last body');
  return { reports };
}
