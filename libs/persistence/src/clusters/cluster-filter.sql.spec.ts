import { parseClusterFilter, type ClusterFilterTerm } from '@clusterplane/domain';
import { clusterFilterSql } from './cluster-filter.sql';

const clock = { now: new Date('2025-03-01T12:00:00.000Z'), livenessTimeoutMs: 60_000 };
const parse = (...raw: string[]): ClusterFilterTerm[] => {
  const parsed = parseClusterFilter(raw);
  if ('problem' in parsed) throw new Error(parsed.problem.message);
  return parsed.terms;
};
const flat = (sql: string) => sql.replace(/\s+/g, ' ').trim();

describe('clusterFilterSql', () => {
  it('is TRUE without terms', () => {
    expect(clusterFilterSql([], clock).text).toBe('TRUE');
  });

  it('passes every value as a parameter, never as SQL text', () => {
    const hostile = "x' OR 1=1 --";
    const sql = clusterFilterSql(parse(`name==${hostile}`, `domain!=${hostile}`), clock);
    expect(sql.text).not.toContain(hostile);
    expect(sql.values).toEqual([hostile, hostile]);
  });

  it.each([
    ['name==a', '(name = $1::text)', ['a']],
    ['name!=a', '(name IS DISTINCT FROM $1::text)', ['a']],
    ['name>=a', '(name COLLATE "C" >= $1::text)', ['a']],
    ['domain<=m', '(domain COLLATE "C" <= $1::text)', ['m']],
    ['uuid>=AB', '(id::text COLLATE "C" >= $1::text)', ['ab']],
    ['uuid==0B9B7C1E-0000-4000-8000-00000000000A', '(id = $1::uuid)', ['0b9b7c1e-0000-4000-8000-00000000000a']],
    ['uuid!=0b9b7c1e-0000-4000-8000-00000000000a', '(id IS DISTINCT FROM $1::uuid)', ['0b9b7c1e-0000-4000-8000-00000000000a']],
    ['version==2.20', '(agent_version = $1::text)', ['2.20']],
  ])('translates %s', (term, sql, values) => {
    const translated = clusterFilterSql(parse(term), clock);
    expect(flat(translated.text)).toBe(sql);
    expect(translated.values).toEqual(values);
  });

  it('compares createdAt as an instant', () => {
    const translated = clusterFilterSql(parse('createdAt>=2025-01-01T00:00:00Z'), clock);
    expect(flat(translated.text)).toBe('(created_at >= $1::timestamptz)');
    expect(translated.values).toEqual([new Date('2025-01-01T00:00:00Z')]);
  });

  it('compares version numerically with <= and >=', () => {
    const translated = clusterFilterSql(parse('version>=2.9'), clock);
    expect(flat(translated.text)).toContain('>= ARRAY[$2::int, $3::int, $4::int]');
    expect(translated.values.slice(1)).toEqual([2, 9, 0]);
  });

  it('filters state on the state derived with the liveness cutoff', () => {
    const translated = clusterFilterSql(parse('state==Disconnected'), clock);
    expect(flat(translated.text)).toContain("WHEN last_liveness < $1::timestamptz THEN 'Disconnected' ELSE state END) COLLATE \"C\" = $2::text");
    expect(translated.values).toEqual([new Date('2025-03-01T11:59:00.000Z'), 'Disconnected']);
  });

  it('ANDs several terms', () => {
    expect(flat(clusterFilterSql(parse('name==a', 'name!=b'), clock).text)).toBe('(name = $1::text) AND (name IS DISTINCT FROM $2::text)');
  });
});
