import type DataLoader from 'dataloader';
import { createBatchLoader } from '../kit/loaders';
import type { SamsatExportClient } from './samsat-export.client';
import type { VehicleRecord } from './samsat.records';

export interface SamsatLoaders {
  /** Owner NIK -> vehicles; null from the loader means "no vehicle" (the resolver answers []). */
  vehiclesByOwner: DataLoader<string, readonly VehicleRecord[] | null>;
}

/**
 * Per request. The export index answers any number of NIKs at once, so every NIK asked in
 * one tick is one index lookup (the same batch pattern as agencies with a batch call).
 */
export function createSamsatLoaders(client: Pick<SamsatExportClient, 'findVehicles'>): SamsatLoaders {
  return {
    vehiclesByOwner: createBatchLoader<readonly VehicleRecord[]>((niks) => client.findVehicles(niks)),
  };
}
