import type DataLoader from 'dataloader';
import { createBatchLoader, createBoundedLoader } from '../kit/loaders';
import type { ImigrasiClient } from './imigrasi.client';
import { SIMKIM_MAX_BATCH } from './legacy/simkim-paspor.wsdl';
import type { PassportApplicationRecord } from './passport-application.records';
import type { PassportRecord } from './passport.records';

/**
 * `getPermohonanByNik` takes one NIK and SIMKIM has no list variant: at most this many
 * calls in flight per request, so a page of citizens does not flood the counter module.
 */
export const SIMKIM_APPLICATION_LOOKUP_CONCURRENCY = 4;

export interface ImigrasiLoaders {
  /** Passports by NIK; null = SIMKIM answered "none" for that NIK. */
  passportsByNik: DataLoader<string, PassportRecord[] | null>;
  /** Passport applications by NIK ([] = none). */
  passportApplicationsByNik: DataLoader<string, PassportApplicationRecord[] | null>;
}

/** Per-request context of the imigrasi subgraph. */
export interface ImigrasiContext {
  loaders: ImigrasiLoaders;
  /** The adapter itself, for the mutation (a write is never cached or batched). */
  client: ImigrasiClient;
}

/**
 * One `getPasporByNikList` call for every NIK asked in the same tick, split at SIMKIM's
 * limit of 50 NIKs per call; `getPermohonanByNik` one NIK per call, bounded. Fresh per
 * request: never share loaders between requests.
 */
export function createImigrasiLoaders(client: ImigrasiClient): ImigrasiLoaders {
  return {
    passportsByNik: createBatchLoader((niks) => client.passportsByNiks(niks), { maxBatchSize: SIMKIM_MAX_BATCH }),
    passportApplicationsByNik: createBoundedLoader((nik) => client.passportApplicationsByNik(nik), {
      concurrency: SIMKIM_APPLICATION_LOOKUP_CONCURRENCY,
    }),
  };
}
