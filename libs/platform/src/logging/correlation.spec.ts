import { acceptCorrelationId, currentCorrelationId, runWithCorrelation } from './correlation';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('acceptCorrelationId', () => {
  it.each(['abc-123', 'req.42:retry_1', 'A', 'x'.repeat(128)])('keeps the safe id %j', (id) => {
    expect(acceptCorrelationId(id)).toBe(id);
  });

  it.each(['line\nforged', 'a b', 'x'.repeat(129), '', 'quote"', 'ünïcode', 'a\rb'])('replaces the unsafe id %j with a uuid', (id) => {
    const accepted = acceptCorrelationId(id);
    expect(accepted).not.toBe(id);
    expect(accepted).toMatch(UUID);
  });

  it.each([undefined, null, 42, ['abc'], { id: 'abc' }])('replaces the non-string %p with a uuid', (candidate) => {
    expect(acceptCorrelationId(candidate)).toMatch(UUID);
  });

  it('generates a different uuid each time', () => {
    expect(acceptCorrelationId(undefined)).not.toBe(acceptCorrelationId(undefined));
  });
});

describe('runWithCorrelation', () => {
  it('exposes the id inside and not outside', () => {
    expect(currentCorrelationId()).toBeUndefined();
    expect(runWithCorrelation('req-1', () => currentCorrelationId())).toBe('req-1');
    expect(currentCorrelationId()).toBeUndefined();
  });

  it('returns what the function returns', () => {
    expect(runWithCorrelation('req-1', () => 42)).toBe(42);
  });

  it('keeps the id across awaits', async () => {
    const seen = await runWithCorrelation('req-async', async () => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      return currentCorrelationId();
    });
    expect(seen).toBe('req-async');
    expect(currentCorrelationId()).toBeUndefined();
  });

  it('generates an id when none (or an empty one) is given', () => {
    expect(runWithCorrelation(undefined, () => currentCorrelationId())).toMatch(UUID);
    expect(runWithCorrelation('', () => currentCorrelationId())).toMatch(UUID);
  });

  it('restores the outer id after a nested run', () => {
    runWithCorrelation('outer', () => {
      expect(runWithCorrelation('inner', () => currentCorrelationId())).toBe('inner');
      expect(currentCorrelationId()).toBe('outer');
    });
  });
});
