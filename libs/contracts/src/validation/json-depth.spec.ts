import fc from 'fast-check';
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

  it('agrees with a character-by-character scan on any text, valid JSON or not', () => {
    /** The reference: every character visited; a backslash in a string skips the next one. */
    const reference = (text: string, limit: number): boolean => {
      let depth = 0;
      let inString = false;
      for (let i = 0; i < text.length; i++) {
        const c = text[i];
        if (inString) {
          if (c === '\\') i++;
          else if (c === '"') inString = false;
        } else if (c === '"') inString = true;
        else if (c === '{' || c === '[') {
          if (++depth > limit) return true;
        } else if (c === '}' || c === ']') depth--;
      }
      return false;
    };
    const text = fc.array(fc.constantFrom('{', '}', '[', ']', '"', '\\', 'a', ':', ','), { maxLength: 40 }).map((chars) => chars.join(''));
    fc.assert(
      fc.property(text, fc.integer({ min: 0, max: 4 }), (t, limit) => exceedsJsonDepth(t, limit) === reference(t, limit)),
      { numRuns: 20_000, seed: 20261124 },
    );
  });
});
