import { healthInRound, isSilent, parseScenario } from './scenario';

describe('parseScenario', () => {
  it.each(['healthy', 'missing-prerequisites', 'service-issues', 'flapping'] as const)('parses %s', (name) => {
    expect(parseScenario(name)).toEqual({ kind: name });
  });

  it('parses disconnect-after=DURATION as healthy reports that stop', () => {
    expect(parseScenario('disconnect-after=90s')).toEqual({ kind: 'healthy', silentAfterMs: 90_000 });
    expect(parseScenario('disconnect-after=500ms')).toEqual({ kind: 'healthy', silentAfterMs: 500 });
  });

  it.each(['', 'Healthy', 'disconnect-after', 'disconnect-after=', 'disconnect-after=later'])('rejects %j', (raw) => {
    expect(() => parseScenario(raw)).toThrow();
  });
});

describe('healthInRound', () => {
  it('is constant for the steady scenarios', () => {
    for (const round of [0, 1, 2, 7]) {
      expect(healthInRound({ kind: 'missing-prerequisites' }, round)).toBe('missing-prerequisites');
      expect(healthInRound({ kind: 'service-issues' }, round)).toBe('service-issues');
    }
  });

  it('alternates healthy and service-issues when flapping, starting healthy', () => {
    expect([0, 1, 2, 3].map((round) => healthInRound({ kind: 'flapping' }, round))).toEqual(['healthy', 'service-issues', 'healthy', 'service-issues']);
  });
});

describe('isSilent', () => {
  it('is false forever without disconnect-after', () => {
    expect(isSilent({ kind: 'healthy' }, Number.MAX_SAFE_INTEGER)).toBe(false);
  });

  it('turns true once the duration has passed', () => {
    expect(isSilent({ kind: 'healthy', silentAfterMs: 1_000 }, 999)).toBe(false);
    expect(isSilent({ kind: 'healthy', silentAfterMs: 1_000 }, 1_000)).toBe(true);
  });
});
