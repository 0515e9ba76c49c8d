import { agentReportSchema } from './agent-report';

const minimal = { reportedAt: '2025-03-01T12:00:00Z', version: '2.24' };
const withCondition = (condition: Record<string, unknown>) => ({
  ...minimal,
  conditions: [{ type: 'Available', status: 'True', reason: 'AllReady', ...condition }],
});
const withMetric = (metric: Record<string, unknown>) => ({ ...minimal, metrics: [{ type: 'GPU_UTILIZATION', value: 0.5, ...metric }] });

describe('agentReportSchema', () => {
  it('parses a minimal report and fills the defaults', () => {
    expect(agentReportSchema.parse(minimal)).toEqual({
      reportedAt: '2025-03-01T12:00:00Z',
      version: '2.24',
      conditions: [],
      operands: {},
      dependencies: { required: {}, optional: {} },
    });
  });

  it('defaults a condition message to an empty string', () => {
    expect(agentReportSchema.parse(withCondition({})).conditions[0]).toEqual({ type: 'Available', status: 'True', reason: 'AllReady', message: '' });
  });

  it('rejects an unknown top-level field', () => {
    const result = agentReportSchema.safeParse({ ...minimal, clusterId: 'spoofed' });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]).toMatchObject({ code: 'unrecognized_keys', keys: ['clusterId'] });
  });

  it('rejects a report without reportedAt or version', () => {
    expect(agentReportSchema.safeParse({ version: '2.24' }).success).toBe(false);
    expect(agentReportSchema.safeParse({ reportedAt: minimal.reportedAt }).success).toBe(false);
    expect(agentReportSchema.safeParse({ ...minimal, version: '' }).success).toBe(false);
  });

  it.each(['A', 'AllReady', 'Some_Reason2', 'Ns:Reason,Other'])('accepts the condition reason %j', (reason) => {
    expect(agentReportSchema.safeParse(withCondition({ reason })).success).toBe(true);
  });

  it.each(['', '1Reason', 'all ready', 'Reason:', 'Reason,', 'Bad-Reason', '_Reason'])('rejects the condition reason %j', (reason) => {
    expect(agentReportSchema.safeParse(withCondition({ reason })).success).toBe(false);
  });

  it('rejects an unknown condition status', () => {
    expect(agentReportSchema.safeParse(withCondition({ status: 'true' })).success).toBe(false);
  });

  it.each(['2025-03-01T12:00:00Z', '2025-03-01T12:00:00.123Z', '2025-03-01T14:00:00+02:00'])('accepts reportedAt %j', (reportedAt) => {
    expect(agentReportSchema.safeParse({ ...minimal, reportedAt }).success).toBe(true);
  });

  it.each(['yesterday', '2025-03-01', '2025-03-01T12:00:00', '2025-13-01T12:00:00Z', 1740830400000])('rejects reportedAt %j', (reportedAt) => {
    expect(agentReportSchema.safeParse({ ...minimal, reportedAt }).success).toBe(false);
  });

  it.each(['GPU_UTILIZATION', 'A', 'GPU2_MEMORY'])('accepts the metric type %j', (type) => {
    expect(agentReportSchema.safeParse(withMetric({ type })).success).toBe(true);
  });

  it.each(['gpu_utilization', '2GPU', '_GPU', 'GPU-UTIL', ''])('rejects the metric type %j', (type) => {
    expect(agentReportSchema.safeParse(withMetric({ type })).success).toBe(false);
  });

  it('rejects a non-finite metric value', () => {
    expect(agentReportSchema.safeParse(withMetric({ value: Infinity })).success).toBe(false);
  });

  it('parses nested dependency components', () => {
    const dependencies = { required: { gpuOperator: { available: false, components: { driver: { available: false, reason: 'not installed' } } } } };
    const parsed = agentReportSchema.parse({ ...minimal, dependencies });
    expect(parsed.dependencies).toEqual({ ...dependencies, optional: {} });
    expect(agentReportSchema.safeParse({ ...minimal, dependencies: { required: { x: { components: { y: { available: 'no' } } } } } }).success).toBe(false);
  });
});
