import type DataLoader from 'dataloader';
import { createBatchLoader } from '../kit/loaders';
import type { LandParcelSource } from './bpn-kkp.client';
import type { LandParcelRecord } from './land-parcel.records';

/** Most NIKs in one query's `IN (...)` list. */
export const MAX_NIKS_PER_QUERY = 100;

export interface BpnLoaders {
  /** Holder NIK -> parcels; null from the loader means "holds none" (the resolver answers []). */
  landParcels: DataLoader<string, readonly LandParcelRecord[] | null>;
}

/** The per-request context of the bpn subgraph. */
export interface BpnContext {
  loaders: BpnLoaders;
}

/**
 * Fresh loaders for one request. The view answers any set of NIKs in one SELECT, so every NIK
 * asked in one tick is one query (split at 100 NIKs).
 */
export function createBpnLoaders(source: LandParcelSource): BpnLoaders {
  return {
    landParcels: createBatchLoader<readonly LandParcelRecord[]>((niks) => source.findParcels(niks), { maxBatchSize: MAX_NIKS_PER_QUERY }),
  };
}
