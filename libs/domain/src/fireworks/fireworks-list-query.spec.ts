import { DEFAULT_FIREWORKS_ORDER, parseFireworksFilter, parseFireworksOrderBy } from './fireworks-list-query';

describe('parseFireworksFilter', () => {
  it('is empty for no filter or only white space', () => {
    expect(parseFireworksFilter(undefined)).toEqual({ value: [] });
    expect(parseFireworksFilter('  ')).toEqual({ value: [] });
  });

  it('parses state=READY', () => {
    expect(parseFireworksFilter('state=READY')).toEqual({ value: [{ field: 'state', operator: '=', value: 'READY' }] });
  });

  it('parses a quoted display_name with spaces and escapes, and the camelCase alias', () => {
    expect(parseFireworksFilter('display_name = "My \\"big\\" cluster"')).toEqual({ value: [{ field: 'displayName', operator: '=', value: 'My "big" cluster' }] });
    expect(parseFireworksFilter('displayName="x"')).toEqual({ value: [{ field: 'displayName', operator: '=', value: 'x' }] });
  });

  it('parses != and AND', () => {
    expect(parseFireworksFilter('state != FAILED AND display_name="a b"')).toEqual({
      value: [
        { field: 'state', operator: '!=', value: 'FAILED' },
        { field: 'displayName', operator: '=', value: 'a b' },
      ],
    });
  });

  it.each([
    ['state=RUNNING', 'state must be one of'],
    ['region="x"', "unknown field 'region'"],
    ['state READY', 'expected = or !='],
    ['state=', 'expected a value'],
    ['state=READY OR state=FAILED', 'expected AND'],
    ['state=READY and state=FAILED', 'expected AND'],
    ['state=READY AND', 'expected a field name'],
    ['display_name="open', 'unterminated string'],
    ['state<READY', "unexpected '<'"],
    ['"state"=READY', 'expected a field name'],
  ])('rejects %j', (raw, problem) => {
    const parsed = parseFireworksFilter(raw);
    expect(parsed).toHaveProperty('problem');
    expect((parsed as { problem: string }).problem).toContain(problem);
  });

  it('caps the number of terms', () => {
    const raw = Array.from({ length: 11 }, () => 'state=READY').join(' AND ');
    expect(parseFireworksFilter(raw)).toEqual({ problem: 'at most 10 terms are allowed' });
  });
});

describe('parseFireworksOrderBy', () => {
  it('defaults to newest first', () => {
    expect(parseFireworksOrderBy(undefined)).toEqual({ value: DEFAULT_FIREWORKS_ORDER });
    expect(DEFAULT_FIREWORKS_ORDER).toEqual({ field: 'createTime', direction: 'desc' });
  });

  it.each([
    ['create_time desc', { field: 'createTime', direction: 'desc' }],
    ['createTime DESC', { field: 'createTime', direction: 'desc' }],
    ['create_time', { field: 'createTime', direction: 'asc' }],
    ['name', { field: 'name', direction: 'asc' }],
    ['  name   desc ', { field: 'name', direction: 'desc' }],
  ])('parses %j', (raw, value) => {
    expect(parseFireworksOrderBy(raw)).toEqual({ value });
  });

  it.each([['display_name'], ['name,create_time'], ['name up'], ['name desc extra']])('rejects %j', (raw) => {
    expect(parseFireworksOrderBy(raw)).toHaveProperty('problem');
  });
});
