import { decodeCommandRequest, encodeCommandRequest } from './command-wire';

describe('command wire format', () => {
  it('sends a command without a codec as JSON', () => {
    const request = { clusterId: 'c', reason: 'x' };
    const bytes = encodeCommandRequest('cluster.delete', request);
    expect(JSON.parse(new TextDecoder().decode(bytes))).toEqual(request);
    expect(decodeCommandRequest('cluster.delete', bytes)).toEqual(request);
  });

  it("sends status.report-batch in its binary frame, the bodies unparsed", () => {
    const body = new TextEncoder().encode('{"not":"parsed"');
    const request = { reports: [{ clusterId: 'c', tenantId: 1, receivedAt: 'now', body }] };
    const bytes = encodeCommandRequest('status.report-batch', request);
    expect(() => JSON.parse(new TextDecoder().decode(bytes))).toThrow();
    const decoded = decodeCommandRequest('status.report-batch', bytes) as { reports: { body: Uint8Array }[] };
    expect(Buffer.from(decoded.reports[0]!.body).toString()).toBe('{"not":"parsed"');
  });
});
