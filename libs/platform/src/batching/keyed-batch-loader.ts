/**
 * Loads values by key in batches: the keys asked for in one turn of the event loop are fetched
 * together by one `fetchMany` call, and concurrent requests for one key share its answer. A
 * burst of N cache misses (every agent reporting right after a restart) then costs a few
 * queries instead of N.
 */
export class KeyedBatchLoader<K, V> {
  private waiting = new Map<K, { resolve: (value: V | undefined) => void; reject: (error: unknown) => void; promise: Promise<V | undefined> }>();
  private scheduled = false;

  /**
   * @param fetchMany the values of `keys` (at most `maxBatch` of them), as a map; a key it
   *   leaves out loads as undefined.
   */
  constructor(
    private readonly fetchMany: (keys: K[]) => Promise<Map<K, V>>,
    private readonly maxBatch = 1_000,
  ) {}

  load(key: K): Promise<V | undefined> {
    const pending = this.waiting.get(key);
    if (pending) return pending.promise;
    let resolve!: (value: V | undefined) => void;
    let reject!: (error: unknown) => void;
    const promise = new Promise<V | undefined>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    this.waiting.set(key, { resolve, reject, promise });
    if (this.waiting.size >= this.maxBatch) this.dispatch();
    else if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => {
        this.scheduled = false;
        this.dispatch();
      });
    }
    return promise;
  }

  private dispatch(): void {
    const batch = this.waiting;
    if (batch.size === 0) return;
    this.waiting = new Map();
    this.fetchMany([...batch.keys()]).then(
      (values) => batch.forEach((w, key) => w.resolve(values.get(key))),
      (error: unknown) => batch.forEach((w) => w.reject(error)),
    );
  }
}
