import { MAX_TAGS, tagProblems } from './resource-tags';

describe('tagProblems', () => {
  it.each(['a', 'team', 'ml-ops', 'a.b_c-d', 'sim.fail', 'A1', 'x'.repeat(63)])('accepts the key %j', (key) => {
    expect(tagProblems({ [key]: 'v' })).toEqual([]);
  });

  it.each(['', '-team', 'team-', '.a', 'a_', 'a b', 'a/b', 'é', 'x'.repeat(64)])('rejects the key %j', (key) => {
    expect(tagProblems({ [key]: 'v' })).toEqual([{ key, message: expect.stringContaining('key must be 1-63 characters') }]);
  });

  it('accepts an empty value and one of 63 characters, rejects 64', () => {
    expect(tagProblems({ a: '', b: 'v'.repeat(63) })).toEqual([]);
    expect(tagProblems({ a: 'v'.repeat(64) })).toEqual([{ key: 'a', message: 'value must be at most 63 characters' }]);
  });

  it('allows 64 tags and refuses 65', () => {
    const tags = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, 'v']));
    expect(tagProblems(tags(MAX_TAGS))).toEqual([]);
    expect(tagProblems(tags(MAX_TAGS + 1))).toEqual([{ key: null, message: 'at most 64 tags are allowed' }]);
  });

  it('reports a bad key and a bad value of the same tag', () => {
    expect(tagProblems({ '-x': 'v'.repeat(64) })).toHaveLength(2);
  });
});
