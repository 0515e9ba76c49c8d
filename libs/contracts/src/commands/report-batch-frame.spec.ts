import { AppError } from '../errors/app-error';
import { decodeReportBatch, encodeReportBatch, type FramedReport } from './report-batch-frame';
import { statusReportBatchCommand } from './status-report-batch.command';

const utf8 = (text: string) => new TextEncoder().encode(text);
const report = (n: number, body: string): FramedReport => ({
  clusterId: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
  tenantId: n,
  secretVersion: 2,
  receivedAt: new Date(n).toISOString(),
  body: utf8(body),
});
const text = (bytes: unknown) => new TextDecoder().decode(bytes as Uint8Array);

describe('report batch frame', () => {
  it('carries each envelope and its body byte for byte, multi-byte UTF-8 and empty bodies included', () => {
    const reports = [report(1, '{"version":"2.24"}'), report(2, '{"name":"é🚀 \\u0000"}'), report(3, '')];
    const decoded = decodeReportBatch(encodeReportBatch({ reports }));
    expect(decoded.reports.map((r) => ({ ...(r as object), body: text((r as { body: unknown }).body) }))).toEqual(reports.map((r) => ({ ...r, body: text(r.body) })));
  });

  it('decodes a frame that is a view into a larger buffer, as a received message may be', () => {
    const frame = encodeReportBatch({ reports: [report(1, '{"a":1}')] });
    const larger = new Uint8Array(frame.byteLength + 16);
    larger.set(frame, 8);
    const [decoded] = decodeReportBatch(larger.subarray(8, 8 + frame.byteLength)).reports as { body: Uint8Array }[];
    expect(text(decoded!.body)).toBe('{"a":1}');
  });

  it('is what the status.report-batch command travels as, and its schema accepts what it decodes', () => {
    const request = { reports: [report(1, '{}')] };
    const decoded = statusReportBatchCommand.codec!.decode(statusReportBatchCommand.codec!.encode(request as never));
    expect(statusReportBatchCommand.request.safeParse(decoded).success).toBe(true);
    expect(statusReportBatchCommand.request.safeParse({ reports: [{ ...report(1, '{}'), body: '{}' }] }).success).toBe(false);
  });

  it("answers an invalid report only with the 400 to send", () => {
    const refusal = { code: 'invalid_argument', httpStatus: 400, message: 'request body is not valid JSON' };
    const parses = (outcome: object) => statusReportBatchCommand.reply.safeParse({ outcomes: [outcome] }).success;
    expect(parses({ outcome: 'invalid', commands: [], refusal })).toBe(true);
    expect(parses({ outcome: 'invalid', commands: [] })).toBe(false);
    expect(parses({ outcome: 'stored', commands: [] })).toBe(true);
  });

  it.each([
    ['a frame shorter than its header length', new Uint8Array([0, 0])],
    ['a header longer than the message', new Uint8Array([0, 0, 0, 200, 0x5b, 0x5d])],
    ['a header that is not JSON', new Uint8Array([0, 0, 0, 1, 0x7b])],
    ['a header that is not a list', Uint8Array.from([0, 0, 0, 2, ...utf8('{}')])],
    ['a body length beyond the message', Uint8Array.from([0, 0, 0, 13, ...utf8('[{"bytes":5}]'), 1, 2])],
    ['a negative body length', Uint8Array.from([0, 0, 0, 14, ...utf8('[{"bytes":-1}]')])],
  ])('refuses %s as invalid', (_label, frame) => {
    expect(() => decodeReportBatch(frame)).toThrow(AppError);
    expect(() => decodeReportBatch(frame)).toThrow(/malformed report batch/);
  });

  it.each([
    ['a body length beyond the message', Uint8Array.from([0, 0, 0, 13, ...utf8('[{"bytes":5}]'), 1, 2]), 'body lengths exceed the message'],
    ['a header that is not JSON', new Uint8Array([0, 0, 0, 1, 0x7b]), 'header is not JSON'],
  ])('names why it refuses %s', (_label, frame, why) => {
    expect(() => decodeReportBatch(frame)).toThrow(why);
  });

  it('refuses bytes left over after the last body', () => {
    const frame = encodeReportBatch({ reports: [report(1, '{}')] });
    const longer = new Uint8Array(frame.byteLength + 1);
    longer.set(frame);
    expect(() => decodeReportBatch(longer)).toThrow('bytes left over');
  });
});
