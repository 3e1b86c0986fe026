import type DataLoader from 'dataloader';
import { createBatchLoader } from '../kit/loaders';
import type { DjpExportClient } from './djp-export.client';
import type { TaxProfileRecord } from './djp.records';

export interface DjpLoaders {
  /** NIK -> tax profile (NOT_REGISTERED when the export holds no record). */
  taxProfile: DataLoader<string, TaxProfileRecord | null>;
}

/**
 * Per request. The export index answers any number of NIKs at once, so every NIK asked in one
 * tick is one index lookup (the batch pattern of agencies with a batch call).
 */
export function createDjpLoaders(client: Pick<DjpExportClient, 'findTaxProfiles'>): DjpLoaders {
  return {
    taxProfile: createBatchLoader<TaxProfileRecord>((niks) => client.findTaxProfiles(niks)),
  };
}
