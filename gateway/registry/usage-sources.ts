import type { CoordinateUsage } from './registry.store';

/** Where a check learns which field coordinates clients used (CheckRegistry.usageSince). */
export interface UsageSource {
  usageSince(sinceIso: string): Promise<Map<string, CoordinateUsage>>;
}

/**
 * Usage from several sources seen as one: the registry's usage table (filled by the gateway's
 * usage recorder) and the access ledger (every operation the gateway answered). Both record the
 * same operations, so counts are not added: a coordinate counts as often as the source that saw it
 * most, its clients are the union, its last use the latest.
 */
export function mergedUsage(sources: readonly UsageSource[]): UsageSource {
  return {
    async usageSince(sinceIso) {
      const merged = new Map<string, CoordinateUsage>();
      for (const usage of await Promise.all(sources.map((source) => source.usageSince(sinceIso)))) {
        for (const [coordinate, entry] of usage) {
          const known = merged.get(coordinate);
          if (!known) {
            merged.set(coordinate, { ...entry, clients: [...entry.clients] });
            continue;
          }
          known.count = Math.max(known.count, entry.count);
          known.clients = [...new Set([...known.clients, ...entry.clients])].sort();
          if (entry.lastUsedAt > known.lastUsedAt) known.lastUsedAt = entry.lastUsedAt;
        }
      }
      return merged;
    },
  };
}
