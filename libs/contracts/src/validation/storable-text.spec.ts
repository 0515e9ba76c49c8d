import { jsonTextMayHoldUnstorableText, unstorableTextError, unstorableTextField } from './storable-text';

describe('unstorableTextField', () => {
  it.each([
    ['a NUL character', { name: 'a\u0000b' }, 'name'],
    ['a lone high surrogate', { tags: { team: '\uD800' } }, 'tags.team'],
    ['a lone low surrogate', ['ok', '\uDC00x'], '1'],
    ['a key with a NUL character', { tags: { 'k\u0000': 'v' } }, 'tags.k\u0000'],
    ['the value itself', '\u0000', ''],
  ])('finds %s', (_, value, field) => {
    expect(unstorableTextField(value)).toBe(field);
  });

  it.each([[{ name: 'cluster-01', emoji: '👩‍👩‍👧‍👦🚀', accents: 'é', rtl: '\u202E' }], [[1, true, null, { a: [] }]], ['\t\r\n'], [undefined]])('accepts storable text: %j', (value) => {
    expect(unstorableTextField(value)).toBeNull();
  });
});

describe('jsonTextMayHoldUnstorableText', () => {
  it.each([['{"a":"\\u0000"}'], ['{"a":"\\uD800"}'], ['{"a":"\\udfff"}']])('flags %s, whose parse may hold unstorable text', (text) => {
    expect(jsonTextMayHoldUnstorableText(text)).toBe(true);
  });

  it.each([['{"a":"plain"}'], ['{"a":"\\u00e9"}'], ['{"a":"\\uE000"}']])('clears %s', (text) => {
    expect(jsonTextMayHoldUnstorableText(text)).toBe(false);
  });
});

describe('unstorableTextError', () => {
  it('names the field, or the part of the request when the value itself is the text', () => {
    expect(unstorableTextError('body', 'tags.team')).toMatchObject({ code: 'invalid_argument', message: expect.stringContaining('invalid body: tags.team:'), details: [{ field: 'tags.team' }] });
    expect(unstorableTextError('path', '').details).toEqual([expect.objectContaining({ field: 'path' })]);
  });
});
