import { MAX_CLUSTER_FILTER_TERMS, parseClusterFilter, splitFilterParameter, type ParsedClusterFilter } from './cluster-filter';

const terms = (parsed: ParsedClusterFilter) => {
  if ('problem' in parsed) throw new Error(`unexpected problem: ${parsed.problem.message}`);
  return parsed.terms;
};
const problem = (parsed: ParsedClusterFilter) => {
  if (!('problem' in parsed)) throw new Error('expected a problem');
  return parsed.problem;
};

const UUID = '3f2b8c1e-0000-4000-8000-000000000001';

describe('parseClusterFilter', () => {
  it('returns no terms for no input', () => {
    expect(terms(parseClusterFilter([]))).toEqual([]);
  });

  describe.each(['==', '!=', '<=', '>='] as const)('operator %s', (operator) => {
    it.each(['name', 'domain'] as const)('on %s keeps the value as written', (field) => {
      expect(terms(parseClusterFilter([`${field}${operator}Gpu-A.example`]))).toEqual([{ field, operator, value: 'Gpu-A.example' }]);
    });

    it('on createdAt parses an ISO instant', () => {
      expect(terms(parseClusterFilter([`createdAt${operator}2025-03-01T12:00:00.250Z`]))).toEqual([
        { field: 'createdAt', operator, value: new Date('2025-03-01T12:00:00.250Z') },
      ]);
    });

    it('on uuid lower-cases the value', () => {
      expect(terms(parseClusterFilter([`uuid${operator}${UUID.toUpperCase()}`]))).toEqual([{ field: 'uuid', operator, value: UUID }]);
    });

    it('on state accepts a Run:ai state', () => {
      expect(terms(parseClusterFilter([`state${operator}Connected`]))).toEqual([{ field: 'state', operator, value: 'Connected' }]);
    });
  });

  it.each(['==', '!='] as const)('compares version %s as written', (operator) => {
    expect(terms(parseClusterFilter([`version${operator}2.20-custom`]))).toEqual([{ field: 'version', operator, value: '2.20-custom' }]);
  });

  it.each([
    ['<=', '2.20', [2, 20, 0]],
    ['>=', 'v2.9.3', [2, 9, 3]],
  ] as const)('compares version %s numerically (%s)', (operator, value, parts) => {
    expect(terms(parseClusterFilter([`version${operator}${value}`]))).toEqual([{ field: 'version', operator, value, parts }]);
  });

  it('keeps every character after the operator, including = and spaces', () => {
    expect(terms(parseClusterFilter(['name===a b']))).toEqual([{ field: 'name', operator: '==', value: '=a b' }]);
  });

  it('parses several terms in order', () => {
    expect(terms(parseClusterFilter(['name!=a', 'createdAt>=2025-01-01']))).toEqual([
      { field: 'name', operator: '!=', value: 'a' },
      { field: 'createdAt', operator: '>=', value: new Date('2025-01-01T00:00:00.000Z') },
    ]);
  });

  it(`accepts ${MAX_CLUSTER_FILTER_TERMS} terms and rejects ${MAX_CLUSTER_FILTER_TERMS + 1}`, () => {
    const many = (n: number) => Array.from({ length: n }, (_, i) => `name!=c${i}`);
    expect(terms(parseClusterFilter(many(MAX_CLUSTER_FILTER_TERMS)))).toHaveLength(MAX_CLUSTER_FILTER_TERMS);
    expect(problem(parseClusterFilter(many(MAX_CLUSTER_FILTER_TERMS + 1))).message).toBe('at most 10 filterBy terms are allowed, got 11');
  });

  it.each([
    ['name=a', 'expected field==value, field!=value, field<=value or field>=value'],
    ['name<a', 'expected field==value, field!=value, field<=value or field>=value'],
    ['name=@a', 'expected field==value, field!=value, field<=value or field>=value'],
    ['==a', 'expected field==value, field!=value, field<=value or field>=value'],
    ['owner==me', "unknown field 'owner'; filter by name, uuid, version, domain, state, createdAt"],
    ['Name==a', "unknown field 'Name'; filter by name, uuid, version, domain, state, createdAt"],
    ['name==', 'value must not be empty'],
    ['createdAt>=yesterday', 'createdAt must be an ISO 8601 date or date-time with an offset, e.g. 2025-03-01T12:00:00Z'],
    ['createdAt>=2025-03-01T12:00:00', 'createdAt must be an ISO 8601 date or date-time with an offset, e.g. 2025-03-01T12:00:00Z'],
    ['createdAt<=2025-13-01', 'createdAt must be an ISO 8601 date or date-time with an offset, e.g. 2025-03-01T12:00:00Z'],
    ['version>=latest', 'version must look like 2.20 or 2.20.1 to compare with >='],
    ['uuid==not-a-uuid', 'uuid must be a UUID'],
    ['state==Ready', 'state must be one of WaitingToConnect, Connected, Disconnected, MissingPrerequisites, ServiceIssues, Unknown'],
  ])('rejects %j: %s', (term, message) => {
    expect(problem(parseClusterFilter([term]))).toEqual({ term, message });
  });

  it('names the first bad term among good ones', () => {
    expect(problem(parseClusterFilter(['name==a', 'size>=3', 'x']))).toMatchObject({ term: 'size>=3' });
  });

  it('allows uuid prefixes with <= and >=', () => {
    expect(terms(parseClusterFilter(['uuid>=3F2B']))).toEqual([{ field: 'uuid', operator: '>=', value: '3f2b' }]);
  });
});

describe('splitFilterParameter', () => {
  it('returns nothing when the parameter is absent or empty', () => {
    expect(splitFilterParameter(undefined)).toEqual([]);
    expect(splitFilterParameter('')).toEqual([]);
    expect(splitFilterParameter(['', 'name==a'])).toEqual(['name==a']);
  });

  it('takes repeated parameters as they are', () => {
    expect(splitFilterParameter(['name==a', 'state==Connected'])).toEqual(['name==a', 'state==Connected']);
  });

  it('splits comma-joined terms', () => {
    expect(splitFilterParameter('name==a,state==Connected,createdAt>=2025-01-01')).toEqual(['name==a', 'state==Connected', 'createdAt>=2025-01-01']);
  });

  it('keeps a comma that does not start a new term inside the value', () => {
    expect(splitFilterParameter(['name==a,b', 'domain!=x,name'])).toEqual(['name==a,b', 'domain!=x,name']);
  });
});
