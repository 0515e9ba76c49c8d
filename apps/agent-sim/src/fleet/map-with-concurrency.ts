/**
 * Runs `task` over `items` with at most `limit` in flight, in order of the items. Each worker
 * takes the next item when it finishes one, so one slow answer never stalls the others.
 */
export async function mapWithConcurrency<T>(items: readonly T[], limit: number, task: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      await task(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
}
