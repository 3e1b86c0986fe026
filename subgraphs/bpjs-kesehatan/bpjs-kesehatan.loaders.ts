import type DataLoader from 'dataloader';
import { createBoundedLoader } from '../kit/loaders';
import type { HealthInsuranceSource } from './bpjs-kesehatan.client';
import { DEFAULT_CONCURRENCY } from './bpjs-kesehatan.config';
import type { HealthInsuranceRecord } from './health-insurance.records';

export interface BpjsKesehatanLoaders {
  /** Membership by NIK; a non-member resolves to a NOT_REGISTERED record, never to null. */
  healthInsurance: DataLoader<string, HealthInsuranceRecord | null>;
}

/** The per-request context of the bpjs-kesehatan subgraph. */
export interface BpjsKesehatanContext {
  loaders: BpjsKesehatanLoaders;
}

/**
 * Fresh loaders for one request. VClaim has no batch call, so the loader makes one call
 * per NIK with at most `concurrency` in flight: a `citizens` query for 100 NIKs must not
 * trip VClaim's per-consumer rate limit.
 */
export function createBpjsKesehatanLoaders(
  source: HealthInsuranceSource,
  options: { concurrency?: number } = {},
): BpjsKesehatanLoaders {
  return {
    healthInsurance: createBoundedLoader((nik) => source.findMemberByNik(nik), {
      concurrency: options.concurrency ?? DEFAULT_CONCURRENCY,
    }),
  };
}
