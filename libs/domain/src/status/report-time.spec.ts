import { acceptedReportTime, MAX_AGENT_CLOCK_LEAD_MS } from './report-time';

const RECEIVED = new Date('2025-03-01T12:00:00.000Z');
const plus = (ms: number) => new Date(RECEIVED.getTime() + ms);

describe('acceptedReportTime', () => {
  it.each([-3_600_000, 0, 1, MAX_AGENT_CLOCK_LEAD_MS])('keeps a reportedAt %i ms from the receipt', (offset) => {
    expect(acceptedReportTime(plus(offset), RECEIVED)).toEqual(plus(offset));
  });

  it('caps a reportedAt further ahead than the allowed lead', () => {
    expect(acceptedReportTime(plus(MAX_AGENT_CLOCK_LEAD_MS + 1), RECEIVED)).toEqual(plus(MAX_AGENT_CLOCK_LEAD_MS));
    expect(acceptedReportTime(plus(86_400_000), RECEIVED)).toEqual(plus(MAX_AGENT_CLOCK_LEAD_MS));
  });
});
