import DataLoader from 'dataloader';
import pLimit from 'p-limit';

/**
 * For legacy systems with a batch call: every key requested in one tick goes out in
 * one call (split at maxBatchSize). `fetchMany` returns what it found by key; keys it
 * does not return resolve to null ("the agency answered: no record"), and a key mapped to
 * an Error fails alone (one unreadable row). A failed call rejects every key of that
 * batch with the same error (DataLoader's contract).
 */
export function createBatchLoader<V>(
  fetchMany: (keys: readonly string[]) => Promise<ReadonlyMap<string, V | Error>>,
  options: { maxBatchSize?: number } = {},
): DataLoader<string, V | null> {
  return new DataLoader<string, V | null>(
    async (keys) => {
      const found = await fetchMany(keys);
      return keys.map((key) => found.get(key) ?? null);
    },
    { maxBatchSize: options.maxBatchSize ?? 100 },
  );
}

/**
 * For legacy systems without a batch call: one call per key, at most `concurrency`
 * in flight for the whole batch, so a burst of entities never floods the agency.
 * Per-key failures stay per key (an Error in that key's slot).
 */
export function createBoundedLoader<V>(
  fetchOne: (key: string) => Promise<V | null>,
  options: { concurrency: number },
): DataLoader<string, V | null> {
  return new DataLoader<string, V | null>(async (keys) => {
    const limit = pLimit(options.concurrency);
    return Promise.all(
      keys.map((key) =>
        limit(() => fetchOne(key)).catch((error: unknown) => (error instanceof Error ? error : new Error(String(error)))),
      ),
    );
  });
}
