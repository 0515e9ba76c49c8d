import { deriveClusterHealth, deriveClusterState, type StateInputs } from './derive-state';

const NOW = new Date('2025-03-01T12:00:00.000Z');
const TIMEOUT = 60_000;
const secondsAgo = (s: number) => new Date(NOW.getTime() - s * 1000);

const healthy = () => ({
  conditions: [{ type: 'Available', status: 'True' }],
  operands: { scheduler: { ready: true } },
  dependencies: { required: { gpuOperator: { available: true } }, optional: { prometheus: { available: true } } },
});

const state = (reportedStatus: unknown, overrides: Partial<StateInputs> = {}) =>
  deriveClusterState({ lastLiveness: secondsAgo(5), reportedStatus, now: NOW, livenessTimeoutMs: TIMEOUT, ...overrides });

describe('deriveClusterState', () => {
  it('is WaitingToConnect when the agent never reported', () => {
    expect(state(healthy(), { lastLiveness: null })).toBe('WaitingToConnect');
  });

  it('is Connected when everything is healthy and liveness is fresh', () => {
    expect(state(healthy())).toBe('Connected');
  });

  it('is still fresh exactly at the timeout and Disconnected one millisecond later', () => {
    expect(state(healthy(), { lastLiveness: new Date(NOW.getTime() - TIMEOUT) })).toBe('Connected');
    expect(state(healthy(), { lastLiveness: new Date(NOW.getTime() - TIMEOUT - 1) })).toBe('Disconnected');
  });

  it.each([null, undefined, 'ok', 42, [healthy()]])('is Unknown when reportedStatus is %j', (reportedStatus) => {
    expect(state(reportedStatus)).toBe('Unknown');
  });

  it.each([
    ['dependencies', 'yes'],
    ['dependencies', []],
    ['operands', 'all-good'],
    ['operands', [{ ready: true }]],
    ['conditions', { type: 'Available' }],
    ['conditions', 'Available'],
  ])('is Unknown when %s is %j', (field, value) => {
    expect(state({ ...healthy(), [field]: value })).toBe('Unknown');
  });

  it('is Connected for an empty status object', () => {
    expect(state({})).toBe('Connected');
  });

  it('is MissingPrerequisites when a required dependency is unavailable', () => {
    const status = healthy();
    status.dependencies.required.gpuOperator.available = false;
    expect(state(status)).toBe('MissingPrerequisites');
  });

  it.each([{}, { available: 'true' }, null, 'available'])('is MissingPrerequisites when a required dependency reads %j', (dep) => {
    expect(state({ ...healthy(), dependencies: { required: { gpuOperator: dep } } })).toBe('MissingPrerequisites');
  });

  it('stays Connected when only an optional dependency is unavailable', () => {
    const status = healthy();
    status.dependencies.optional.prometheus.available = false;
    expect(state(status)).toBe('Connected');
  });

  it('is ServiceIssues when an operand is not ready past its threshold', () => {
    expect(state({ ...healthy(), operands: { scheduler: { ready: false, unreadyThresholdCrossed: true } } })).toBe('ServiceIssues');
  });

  it('stays Connected when an operand is not ready but within its threshold', () => {
    expect(state({ ...healthy(), operands: { scheduler: { ready: false, unreadyThresholdCrossed: false } } })).toBe('Connected');
    expect(state({ ...healthy(), operands: { scheduler: { ready: false } } })).toBe('Connected');
  });

  it.each(['False', 'Unknown'])('is ServiceIssues when the Available condition is %s', (status) => {
    expect(state({ ...healthy(), conditions: [{ type: 'Available', status }] })).toBe('ServiceIssues');
  });

  it('ignores conditions other than Available', () => {
    expect(state({ ...healthy(), conditions: [{ type: 'Progressing', status: 'False' }] })).toBe('Connected');
  });

  it('is Connected when there is no Available condition', () => {
    expect(state({ ...healthy(), conditions: [] })).toBe('Connected');
  });

  describe('priority', () => {
    const everythingWrong = {
      conditions: [{ type: 'Available', status: 'False' }],
      operands: { scheduler: { ready: false, unreadyThresholdCrossed: true } },
      dependencies: { required: { gpuOperator: { available: false } } },
    };

    it('WaitingToConnect beats everything', () => {
      expect(state(everythingWrong, { lastLiveness: null })).toBe('WaitingToConnect');
    });

    it('Disconnected beats MissingPrerequisites and an unreadable status', () => {
      expect(state(everythingWrong, { lastLiveness: secondsAgo(61) })).toBe('Disconnected');
      expect(state('garbage', { lastLiveness: secondsAgo(61) })).toBe('Disconnected');
    });

    it('MissingPrerequisites beats ServiceIssues', () => {
      expect(state(everythingWrong)).toBe('MissingPrerequisites');
    });
  });
});

describe('deriveClusterState with unreadable dependencies', () => {
  it.each([[[]], ['none'], [7]])('is Unknown when dependencies.required is %j', (required) => {
    expect(state({ ...healthy(), dependencies: { required, optional: {} } })).toBe('Unknown');
  });
});

describe('deriveClusterHealth', () => {
  const health = (reportedStatus: unknown, overrides: Partial<StateInputs> = {}) =>
    deriveClusterHealth({ lastLiveness: secondsAgo(5), reportedStatus, now: NOW, livenessTimeoutMs: TIMEOUT, ...overrides });

  it('gives no reason when Connected', () => {
    expect(health(healthy())).toEqual({ state: 'Connected' });
  });

  it('names the missing report and the stale liveness', () => {
    expect(health(healthy(), { lastLiveness: null })).toEqual({ state: 'WaitingToConnect', reason: 'the agent has not reported yet' });
    expect(health(healthy(), { lastLiveness: secondsAgo(61) })).toEqual({ state: 'Disconnected', reason: `no report for more than 60 s (last at ${secondsAgo(61).toISOString()})` });
    expect(health('garbage')).toEqual({ state: 'Unknown', reason: 'the last report cannot be read' });
  });

  it('names the first unavailable required dependency and what the agent said of it', () => {
    const status = { ...healthy(), dependencies: { required: { gpuOperator: { available: false, reason: 'not installed' }, other: { available: false } } } };
    expect(health(status)).toEqual({ state: 'MissingPrerequisites', reason: 'required dependency gpuOperator is not available: not installed' });
    expect(health({ dependencies: { required: { gpuOperator: null } } })).toEqual({ state: 'MissingPrerequisites', reason: 'required dependency gpuOperator is not available' });
  });

  it('names the operand past its threshold, else the Available condition with its reason and message', () => {
    const operand = { ...healthy(), operands: { scheduler: { ready: false, unreadyThresholdCrossed: true, reasons: ['0/1 replicas ready'] } } };
    expect(health(operand)).toEqual({ state: 'ServiceIssues', reason: 'operand scheduler is not ready: 0/1 replicas ready' });
    const condition = { ...healthy(), conditions: [{ type: 'Available', status: 'False', reason: 'SchedulerDown', message: '' }] };
    expect(health(condition)).toEqual({ state: 'ServiceIssues', reason: 'condition Available is False: SchedulerDown' });
  });

  it('always agrees with deriveClusterState', () => {
    for (const status of [healthy(), null, { operands: { s: { ready: false, unreadyThresholdCrossed: true } } }, { conditions: [{ type: 'Available', status: 'Unknown' }] }]) {
      expect(health(status).state).toBe(state(status));
    }
  });
});
