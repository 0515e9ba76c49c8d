import { createKubernetesClusterBody, updateKubernetesClusterBody } from './kubernetes.schemas';

const parse = (body: Record<string, unknown>) => createKubernetesClusterBody.safeParse({ name: 'c', version: '1.32.5', ...body });
const issues = (body: Record<string, unknown>) => {
  const result = parse(body);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('createKubernetesClusterBody', () => {
  it('fills the seed defaults and stores the version without its v', () => {
    expect(parse({ version: 'v1.32' }).data).toEqual({ name: 'c', version: '1.32', podCIDRBlock: '10.233.0.0/18', serviceCIDRBlock: '10.233.64.0/18' });
  });

  it('defaults the default pool to one node named default, and wants a type only when it is created', () => {
    expect(parse({ defaultNodePool: { type: 'cpu.4x' } }).data?.defaultNodePool).toEqual({ create: true, name: 'default', type: 'cpu.4x', count: 1 });
    expect(issues({ defaultNodePool: { create: true } })).toEqual(['defaultNodePool.type: is required when create is true']);
    expect(issues({ defaultNodePool: { create: false } })).toEqual([]);
  });

  it('reports overlapping blocks on the service block', () => {
    expect(issues({ podCIDRBlock: '10.0.0.0/8', serviceCIDRBlock: '10.96.0.0/12' })).toEqual(['serviceCIDRBlock: must not overlap podCIDRBlock 10.0.0.0/8']);
  });

  it('names a malformed block and a malformed version', () => {
    expect(issues({ podCIDRBlock: '10.233.0.0', version: 'latest' })).toEqual(['version: must look like 1.32 or 1.32.5', 'podCIDRBlock: must be an IPv4 CIDR block such as 10.233.0.0/18']);
  });

  it('wants the seed pattern, v included, on update', () => {
    expect(updateKubernetesClusterBody.safeParse({ version: 'v1.33' }).success).toBe(true);
    expect(updateKubernetesClusterBody.safeParse({ version: '1.33.0' }).error?.issues.map((i) => i.message)).toEqual(['must look like v1.32 or v1.32.5']);
  });
});
