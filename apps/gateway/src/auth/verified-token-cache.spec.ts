import type { Actor } from '@clusterplane/contracts';
import { VerifiedTokenCache } from './verified-token-cache';

const actor = (tenantId: number): Actor => ({ tenantId, tenantSlug: `t${tenantId}`, subject: 'u', roles: ['viewer'] });

describe('VerifiedTokenCache', () => {
  it('answers a token until its exp, then forgets it', () => {
    let now = 1_000_000;
    const cache = new VerifiedTokenCache(10, () => now);
    cache.set('a', actor(1), 1_010); // exp in seconds: 1 010 000 ms
    expect(cache.get('a')).toEqual(actor(1));
    now = 1_010_000;
    expect(cache.get('a')).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('does not remember a token without exp', () => {
    const cache = new VerifiedTokenCache(10);
    cache.set('a', actor(1), undefined);
    expect(cache.get('a')).toBeUndefined();
  });

  it('stays within its bound, dropping the oldest entry first', () => {
    const cache = new VerifiedTokenCache(3, () => 0);
    for (let i = 1; i <= 5; i++) cache.set(`t${i}`, actor(i), 100);
    expect(cache.size).toBe(3);
    expect(cache.get('t1')).toBeUndefined();
    expect(cache.get('t2')).toBeUndefined();
    expect(cache.get('t5')).toEqual(actor(5));
  });
});
