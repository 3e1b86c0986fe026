import type DataLoader from 'dataloader';
import { createBatchLoader } from '../kit/loaders';
import type { ImigrasiClient } from './imigrasi.client';
import { SIMKIM_MAX_BATCH } from './legacy/simkim-paspor.wsdl';
import type { PassportRecord } from './passport.records';

export interface ImigrasiLoaders {
  /** Passports by NIK; null = SIMKIM answered "none" for that NIK. */
  passportsByNik: DataLoader<string, PassportRecord[] | null>;
}

/** Per-request context of the imigrasi subgraph. */
export interface ImigrasiContext {
  loaders: ImigrasiLoaders;
}

/**
 * One `getPasporByNikList` call for every NIK asked in the same tick, split at SIMKIM's
 * limit of 50 NIKs per call. Fresh per request: never share loaders between requests.
 */
export function createImigrasiLoaders(client: ImigrasiClient): ImigrasiLoaders {
  return {
    passportsByNik: createBatchLoader((niks) => client.passportsByNiks(niks), { maxBatchSize: SIMKIM_MAX_BATCH }),
  };
}
