import type { UsageEntry } from '../registry/registry.store';

/** How often one operation, read as one list of coordinates, ran for one client since the last flush. */
export interface CountedOperation {
  operationHash: string;
  client: string;
  coordinates: readonly string[];
  count: number;
}

/** What one flush takes out of the counter; handed back with `restore` when the write fails. */
export type UsageBatch = ReadonlyMap<string, CountedOperation>;

/**
 * Operation counts kept in memory between flushes. A request costs one map lookup and an
 * increment; coordinates are expanded only at flush time. The number of distinct
 * (operation, client) pairs is bounded, so a database outage or a flood of distinct documents
 * or client names cannot grow memory without limit: past the bound a new pair is dropped and
 * counted as dropped, while pairs already held keep counting.
 */
export class UsageCounter {
  private pending = new Map<string, CountedOperation>();
  private dropped = 0;

  constructor(readonly maxOperations: number) {
    if (!Number.isInteger(maxOperations) || maxOperations < 1) throw new RangeError(`the usage counter needs room for at least one operation, not ${maxOperations}`);
  }

  /** Distinct (operation, client) pairs waiting for the next flush. */
  get size(): number {
    return this.pending.size;
  }

  /**
   * Counts `times` executions under `key` (which must tell apart everything that makes the
   * coordinates differ: schema, document, operation name, client). False when the counter is full.
   */
  count(key: string, operation: Omit<CountedOperation, 'count'>, times = 1): boolean {
    const held = this.pending.get(key);
    if (held) {
      held.count += times;
      return true;
    }
    if (this.pending.size >= this.maxOperations) {
      this.dropped += times;
      return false;
    }
    this.pending.set(key, { ...operation, count: times });
    return true;
  }

  /** Takes everything counted so far and leaves the counter empty. */
  drain(): UsageBatch {
    const batch = this.pending;
    this.pending = new Map();
    return batch;
  }

  /** Puts back a batch whose write failed, adding it to what was counted since, within the bound. */
  restore(batch: UsageBatch): void {
    for (const [key, operation] of batch) this.count(key, operation, operation.count);
  }

  /** Executions dropped because the counter was full, since the last call. */
  takeDropped(): number {
    const dropped = this.dropped;
    this.dropped = 0;
    return dropped;
  }
}

/**
 * A batch as registry rows: one per (operation hash, coordinate, client), counts added up, in one
 * fixed order, so two gateways flushing into one PostgreSQL registry lock the rows they share in
 * the same order and cannot deadlock each other.
 */
export function usageEntriesOf(batch: UsageBatch): UsageEntry[] {
  const entries = new Map<string, UsageEntry & { count: number }>();
  for (const operation of batch.values()) {
    for (const coordinate of operation.coordinates) {
      const key = `${operation.operationHash}\u0000${coordinate}\u0000${operation.client}`;
      const entry = entries.get(key);
      if (entry) entry.count += operation.count;
      else entries.set(key, { operationHash: operation.operationHash, coordinate, client: operation.client, count: operation.count });
    }
  }
  return [...entries.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, entry]) => entry);
}

/** Executions in a batch (for log lines). */
export function executionsIn(batch: UsageBatch): number {
  let total = 0;
  for (const operation of batch.values()) total += operation.count;
  return total;
}
