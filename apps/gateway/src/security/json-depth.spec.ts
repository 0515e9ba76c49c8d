import { exceedsJsonDepth } from './json-depth';

const nested = (depth: number, open = '[', close = ']') => open.repeat(depth) + close.repeat(depth);

describe('exceedsJsonDepth', () => {
  it('accepts nesting up to the limit and refuses one level more', () => {
    expect(exceedsJsonDepth(nested(32), 32)).toBe(false);
    expect(exceedsJsonDepth(nested(33), 32)).toBe(true);
    expect(exceedsJsonDepth('{"a":'.repeat(33) + '1' + '}'.repeat(33), 32)).toBe(true);
  });

  it('counts the deepest point, not the total number of containers', () => {
    const wide = `[${Array.from({ length: 10_000 }, () => '{"a":[1,2,{"b":{}}]}').join(',')}]`;
    expect(exceedsJsonDepth(wide, 5)).toBe(false);
  });

  it('ignores brackets inside strings, escaped quotes included', () => {
    expect(exceedsJsonDepth(JSON.stringify({ text: '[[[[[[[[[[', quoted: 'say \\"[[[[[[[["' }), 2)).toBe(false);
    expect(exceedsJsonDepth(`["\\\\", ${nested(3)}]`, 3)).toBe(true);
  });

  it('handles a 100 000-deep body without recursion', () => {
    expect(exceedsJsonDepth(nested(100_000), 32)).toBe(true);
    expect(exceedsJsonDepth('['.repeat(100_000), 32)).toBe(true);
  });
});
