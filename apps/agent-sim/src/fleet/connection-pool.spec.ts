import { ConnectionPool, type PooledConnection } from './connection-pool';

class FakeConnection implements PooledConnection {
  closed = false;
  constructor(readonly id: number) {}
  async destroy(): Promise<void> {
    this.closed = true;
  }
}

function pool(size: number) {
  let opened = 0;
  return new ConnectionPool(size, () => new FakeConnection(++opened));
}

describe('ConnectionPool', () => {
  it('opens connections only as they are needed, up to its size', () => {
    const connections = pool(3);
    const a = connections.acquire() as FakeConnection;
    const b = connections.acquire() as FakeConnection;
    expect([a.id, b.id]).toEqual([1, 2]);
    expect(connections.openCount).toBe(2);
  });

  it('hands an idle connection out again instead of opening another', () => {
    const connections = pool(3);
    const a = connections.acquire() as FakeConnection;
    connections.release(a);
    expect(connections.acquire()).toBe(a);
    expect(connections.openCount).toBe(1);
  });

  it('makes callers wait when every connection is busy, and serves them in arrival order', async () => {
    const connections = pool(1);
    const only = connections.acquire() as FakeConnection;
    const first = connections.acquire();
    const second = connections.acquire();
    expect(first).toBeInstanceOf(Promise);
    expect(connections.openCount).toBe(1);

    connections.release(only);
    await expect(first).resolves.toBe(only);
    connections.release(only);
    await expect(second).resolves.toBe(only);
  });

  it('keeps a released connection idle when nobody waits', () => {
    const connections = pool(2);
    const a = connections.acquire() as FakeConnection;
    const b = connections.acquire() as FakeConnection;
    connections.release(a);
    connections.release(b);
    // The most recently used connection goes out first: its socket is the one surely still open.
    expect(connections.acquire()).toBe(b);
  });

  it('destroys every connection it opened', async () => {
    const connections = pool(2);
    const a = connections.acquire() as FakeConnection;
    const b = connections.acquire() as FakeConnection;
    connections.release(a);
    await connections.destroy();
    expect([a.closed, b.closed]).toEqual([true, true]);
  });

  it('refuses a size below one', () => {
    expect(() => pool(0)).toThrow(RangeError);
  });
});
