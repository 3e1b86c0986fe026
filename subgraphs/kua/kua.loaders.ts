import type DataLoader from 'dataloader';
import { createBatchLoader } from '../kit/loaders';
import type { KuaExportClient } from './kua-export.client';
import type { MarriageRecord } from './kua.records';

export interface KuaLoaders {
  /** NIK (as husband or wife) -> marriages; null from the loader means "none" (the resolver answers []). */
  marriagesByNik: DataLoader<string, readonly MarriageRecord[] | null>;
}

/**
 * Per request. The export index answers any number of NIKs at once, so every NIK asked in
 * one tick is one index lookup (the same batch pattern as agencies with a batch call).
 */
export function createKuaLoaders(client: Pick<KuaExportClient, 'findMarriages'>): KuaLoaders {
  return {
    marriagesByNik: createBatchLoader<readonly MarriageRecord[]>((niks) => client.findMarriages(niks)),
  };
}
