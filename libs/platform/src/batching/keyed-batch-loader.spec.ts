import { KeyedBatchLoader } from './keyed-batch-loader';

describe('KeyedBatchLoader', () => {
  const squares = () => jest.fn(async (keys: number[]) => new Map(keys.filter((k) => k >= 0).map((k) => [k, k * k])));

  it('fetches the keys asked for in one turn together, each once', async () => {
    const fetchMany = squares();
    const loader = new KeyedBatchLoader(fetchMany);
    const values = await Promise.all([loader.load(2), loader.load(3), loader.load(2), loader.load(-1)]);
    expect(values).toEqual([4, 9, 4, undefined]);
    expect(fetchMany).toHaveBeenCalledTimes(1);
    expect(fetchMany).toHaveBeenCalledWith([2, 3, -1]);
  });

  it('starts a new batch in a later turn', async () => {
    const fetchMany = squares();
    const loader = new KeyedBatchLoader(fetchMany);
    expect(await loader.load(2)).toBe(4);
    expect(await loader.load(2)).toBe(4);
    expect(fetchMany).toHaveBeenCalledTimes(2);
  });

  it('sends a full batch at once, without waiting for the turn to end', async () => {
    const fetchMany = squares();
    const loader = new KeyedBatchLoader(fetchMany, 2);
    const first = [loader.load(1), loader.load(2)];
    expect(fetchMany).toHaveBeenCalledWith([1, 2]);
    const third = loader.load(3);
    expect(await Promise.all([...first, third])).toEqual([1, 4, 9]);
    expect(fetchMany).toHaveBeenCalledTimes(2);
  });

  it('rejects every load of a batch whose fetch failed, and fetches afresh afterwards', async () => {
    const fetchMany = jest.fn().mockRejectedValueOnce(new Error('database down')).mockResolvedValue(new Map([[1, 'one']]));
    const loader = new KeyedBatchLoader<number, string>(fetchMany);
    await expect(Promise.all([loader.load(1), loader.load(2)])).rejects.toThrow('database down');
    expect(await loader.load(1)).toBe('one');
  });
});
