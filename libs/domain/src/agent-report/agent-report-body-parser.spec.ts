import { AppError } from '@clusterplane/contracts';
import { reportBody } from '../status/agent-report-body';
import { AgentReportBodyParser } from './agent-report-body-parser';

const parser = new AgentReportBodyParser();
const bytes = (text: string) => new TextEncoder().encode(text);
const healthy = reportBody('healthy', { version: '2.24', reportedAt: new Date('2026-01-01T00:00:00Z'), acks: [] });

/** The AppError parsing `text` throws: what the agent is answered with. */
function refusal(text: string): AppError {
  try {
    parser.parse(bytes(text));
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error(`accepted ${text}`);
}

describe('AgentReportBodyParser', () => {
  it('returns the report a valid body holds, with the contract defaults filled in', () => {
    const { acks: _acks, ...withoutAcks } = healthy as Record<string, unknown>;
    const report = parser.parse(bytes(JSON.stringify(withoutAcks)));
    expect(report).toMatchObject({ reportedAt: '2026-01-01T00:00:00.000Z', version: '2.24', conditions: [{ type: 'Available', status: 'True' }] });
  });

  it('reads multi-byte UTF-8 as text', () => {
    const report = parser.parse(bytes(JSON.stringify({ ...healthy, conditions: [{ type: 'Available', status: 'True', reason: 'AllOperandsReady', message: 'prêt 🚀' }] })));
    expect(report.conditions[0]!.message).toBe('prêt 🚀');
  });

  it.each([
    ['malformed JSON', '{"reportedAt":', 'request body is not valid JSON'],
    ['an empty body', '', 'request body is not valid JSON'],
    ['a __proto__ key', JSON.stringify(healthy).replace('{', '{"__proto__":{"x":1},'), 'request body is not valid JSON'],
    ['a constructor.prototype key', JSON.stringify(healthy).replace('{', '{"constructor":{"prototype":{"x":1}},'), 'request body is not valid JSON'],
    ['nesting deeper than 32 levels', `{"operands":${'['.repeat(40)}${']'.repeat(40)}}`, 'request body nests deeper than 32 levels'],
  ])('refuses %s with the same answer as any other JSON body', (_label, text, message) => {
    expect(refusal(text)).toMatchObject({ code: 'invalid_argument', httpStatus: 400, message });
  });

  it('refuses text Postgres cannot store, naming the field', () => {
    const text = JSON.stringify({ ...healthy, version: '2.24' }).replace('"2.24"', '"2.\\u0000"');
    expect(refusal(text)).toMatchObject({ httpStatus: 400, details: [{ field: 'version' }] });
  });

  it('refuses a body against the contract, naming the failing field', () => {
    const error = refusal(JSON.stringify({ ...healthy, metrics: [{ type: 'TOTAL_GPU', value: 'lots' }] }));
    expect(error.message).toContain('metrics.0.value');
  });
});
