import type DataLoader from 'dataloader';
import { createBatchLoader, createBoundedLoader } from '../kit/loaders';
import type { PolriSource } from './polri.client';
import { DEFAULT_CONCURRENCY } from './polri.config';
import type { DrivingLicenseRecord, PoliceClearanceRecord } from './polri.records';
import { MAX_SEARCH_NIKS } from './polri.wire';

export interface PolriLoaders {
  /** Licences by NIK; null = POLRI-SIM holds none for that NIK (the resolver answers []). */
  drivingLicenses: DataLoader<string, DrivingLicenseRecord[] | null>;
  /** The current SKCK by NIK; "none" is a `found: false` record, never null. */
  policeClearance: DataLoader<string, PoliceClearanceRecord | null>;
}

/** The per-request context of the polri subgraph. */
export interface PolriContext {
  loaders: PolriLoaders;
  /** The request's "today" in Pekanbaru (ISO), so every status in one answer uses the same day. */
  today: string;
}

/**
 * Fresh loaders for one request.
 * - SIM: POLRI-SIM has a batch search, so every NIK asked in one tick is one search (split at
 *   50 NIKs, the service's limit), however many pages it takes.
 * - SKCK: no batch call, so one call per NIK with at most `concurrency` in flight: a
 *   `citizens` query for 100 NIKs must not trip the per-key rate limit.
 */
export function createPolriLoaders(source: PolriSource, options: { concurrency?: number } = {}): PolriLoaders {
  return {
    drivingLicenses: createBatchLoader((niks) => source.searchDrivingLicenses(niks), { maxBatchSize: MAX_SEARCH_NIKS }),
    policeClearance: createBoundedLoader((nik) => source.findPoliceClearance(nik), { concurrency: options.concurrency ?? DEFAULT_CONCURRENCY }),
  };
}
