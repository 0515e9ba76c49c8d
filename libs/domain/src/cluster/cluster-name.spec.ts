import { CLUSTER_NAME_MAX, clusterNameProblem } from './cluster-name';

describe('clusterNameProblem', () => {
  it('accepts a plain name', () => {
    expect(clusterNameProblem('gpu-cluster-1')).toBeNull();
  });

  it('rejects an empty name', () => {
    expect(clusterNameProblem('')).toBe('name must not be empty');
  });

  it('accepts 253 characters and rejects 254', () => {
    expect(CLUSTER_NAME_MAX).toBe(253);
    expect(clusterNameProblem('a'.repeat(253))).toBeNull();
    expect(clusterNameProblem('a'.repeat(254))).toBe('name must be at most 253 characters');
  });

  it.each([' lead', 'trail ', '\tlead', 'trail\n', ' '])('rejects leading or trailing white space in %j', (name) => {
    expect(clusterNameProblem(name)).toBe('name must not start or end with white space');
  });

  it('allows white space inside the name', () => {
    expect(clusterNameProblem('team a cluster')).toBeNull();
  });

  it.each(['a\nb', 'a\rb', 'a\tb', 'a\u0000b', 'a\u001bb', 'a\u007fb'])('rejects the control character in %j', (name) => {
    expect(clusterNameProblem(name)).toBe('name must not contain control characters');
  });

  it.each(['a\u0080b', 'a\u0085b', 'a\u009bb', 'a\u009fb'])('rejects the C1 control character in %j', (name) => {
    expect(clusterNameProblem(name)).toBe('name must not contain control characters');
  });

  it('allows the first printable character after C1', () => {
    expect(clusterNameProblem('a\u00a0b')).toBeNull();
  });

  it.each(['クラスター', 'grappe-é', 'gpu-🚀', 'кластер'])('allows unicode: %s', (name) => {
    expect(clusterNameProblem(name)).toBeNull();
  });
});
