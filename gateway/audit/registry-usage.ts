import type { CoordinateUsage } from '../registry/registry.store';
import type { LedgerReader, UsageAggregate } from './ledger-reader';

/**
 * The ledger as the source of field usage for the registry's usage-aware breaking-change check
 * (gateway/registry/check.ts): the same coordinates the gateway resolved, counted per operation
 * and client, from entries the ledger has committed (so usage cannot be claimed without an audit trail).
 */

/** Every (operationHash, coordinate, client) used since `sinceIso` (ISO-8601 UTC), with count and last time. */
export async function ledgerUsageSince(reader: Pick<LedgerReader, 'usageSince'>, sinceIso: string): Promise<UsageAggregate[]> {
  const since = new Date(sinceIso);
  if (Number.isNaN(since.getTime())) throw new RangeError(`usage since must be an ISO-8601 instant, not ${JSON.stringify(sinceIso)}`);
  return reader.usageSince(since.toISOString());
}

/** Folds aggregates into the registry's shape: per coordinate, the total count, the clients (sorted) and the last use. */
export function coordinateUsageOf(aggregates: readonly UsageAggregate[]): Map<string, CoordinateUsage> {
  const usage = new Map<string, CoordinateUsage>();
  for (const aggregate of aggregates) {
    const entry = usage.get(aggregate.coordinate) ?? { coordinate: aggregate.coordinate, count: 0, clients: [], lastUsedAt: '' };
    entry.count += aggregate.count;
    if (!entry.clients.includes(aggregate.client)) entry.clients.push(aggregate.client);
    if (aggregate.lastUsedAt > entry.lastUsedAt) entry.lastUsedAt = aggregate.lastUsedAt;
    usage.set(aggregate.coordinate, entry);
  }
  for (const entry of usage.values()) entry.clients.sort();
  return usage;
}

/**
 * What `checkSubgraph` asks of a registry for usage (CheckRegistry.usageSince), answered from the ledger:
 *   checkSubgraph({ snapshot: () => registry.snapshot(), ...ledgerUsageSource(reader) }, input)
 */
export function ledgerUsageSource(reader: Pick<LedgerReader, 'usageSince'>): { usageSince(sinceIso: string): Promise<Map<string, CoordinateUsage>> } {
  return { usageSince: async (sinceIso) => coordinateUsageOf(await ledgerUsageSince(reader, sinceIso)) };
}
