import { mergeConditions, type IncomingCondition, type StoredCondition } from './merge-conditions';

const T0 = '2025-03-01T10:00:00.000Z';
const NOW = '2025-03-01T12:00:00.000Z';

const stored = (overrides: Partial<StoredCondition> = {}): StoredCondition => ({
  type: 'Available',
  status: 'True',
  reason: 'AllReady',
  message: 'all operands ready',
  lastTransitionTime: T0,
  ...overrides,
});

const incoming = (overrides: Partial<IncomingCondition> = {}): IncomingCondition => ({
  type: 'Available',
  status: 'True',
  reason: 'AllReady',
  ...overrides,
});

describe('mergeConditions', () => {
  it('keeps lastTransitionTime when the status is unchanged, even if reason and message change', () => {
    const [merged] = mergeConditions([stored()], [incoming({ reason: 'Recovered', message: 'back', lastTransitionTime: '2025-03-01T11:00:00Z' })], NOW);
    expect(merged).toEqual({ type: 'Available', status: 'True', reason: 'Recovered', message: 'back', lastTransitionTime: T0 });
  });

  it('moves lastTransitionTime to now when the status changes and the agent sent no time', () => {
    const [merged] = mergeConditions([stored()], [incoming({ status: 'False', reason: 'SchedulerDown' })], NOW);
    expect(merged).toMatchObject({ status: 'False', reason: 'SchedulerDown', lastTransitionTime: NOW });
  });

  it("uses the agent's lastTransitionTime when the status changes and one was sent", () => {
    const agentTime = '2025-03-01T11:59:30Z';
    const [merged] = mergeConditions([stored()], [incoming({ status: 'Unknown', lastTransitionTime: agentTime })], NOW);
    expect(merged.lastTransitionTime).toBe(agentTime);
  });

  it('gives a new condition a transition time and an empty message by default', () => {
    expect(mergeConditions([], [incoming({ type: 'Progressing' })], NOW)).toEqual([
      { type: 'Progressing', status: 'True', reason: 'AllReady', message: '', lastTransitionTime: NOW },
    ]);
    const [withTime] = mergeConditions([], [incoming({ lastTransitionTime: T0 })], NOW);
    expect(withTime.lastTransitionTime).toBe(T0);
  });

  it('drops conditions the agent stopped sending and follows the incoming order', () => {
    const previous = [stored({ type: 'Available' }), stored({ type: 'Degraded' }), stored({ type: 'Progressing' })];
    const merged = mergeConditions(previous, [incoming({ type: 'Progressing' }), incoming({ type: 'Available' })], NOW);
    expect(merged.map((c) => c.type)).toEqual(['Progressing', 'Available']);
    expect(mergeConditions(previous, [], NOW)).toEqual([]);
  });

  it('never lets an older generation overwrite a newer one', () => {
    const prior = stored({ observedGeneration: 5 });
    const [merged] = mergeConditions([prior], [incoming({ status: 'False', reason: 'Stale', observedGeneration: 4 })], NOW);
    expect(merged).toBe(prior);
  });

  it('applies an equal or newer generation', () => {
    const prior = stored({ observedGeneration: 5 });
    const [equal] = mergeConditions([prior], [incoming({ status: 'False', reason: 'Broken', observedGeneration: 5 })], NOW);
    expect(equal).toMatchObject({ status: 'False', reason: 'Broken', observedGeneration: 5, lastTransitionTime: NOW });
    const [newer] = mergeConditions([prior], [incoming({ reason: 'Fine', observedGeneration: 6 })], NOW);
    expect(newer).toMatchObject({ status: 'True', reason: 'Fine', observedGeneration: 6, lastTransitionTime: T0 });
  });

  it('applies the incoming condition when either side has no generation', () => {
    const [noIncoming] = mergeConditions([stored({ observedGeneration: 5 })], [incoming({ reason: 'Fine' })], NOW);
    expect(noIncoming).toMatchObject({ reason: 'Fine', observedGeneration: 5 });
    const [noStored] = mergeConditions([stored()], [incoming({ reason: 'Fine', observedGeneration: 1 })], NOW);
    expect(noStored).toMatchObject({ reason: 'Fine', observedGeneration: 1 });
  });

  it('omits observedGeneration when neither side has one', () => {
    const [merged] = mergeConditions([stored()], [incoming()], NOW);
    expect(merged).not.toHaveProperty('observedGeneration');
  });

  it('treats a generation of 0 as a real generation', () => {
    const [merged] = mergeConditions([stored({ observedGeneration: 1 })], [incoming({ reason: 'Old', observedGeneration: 0 })], NOW);
    expect(merged.reason).toBe('AllReady');
  });
});
