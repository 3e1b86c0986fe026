import type DataLoader from 'dataloader';
import { createBatchLoader } from '../kit/loaders';
import type { EmploymentInsuranceSource } from './bpjs-ketenagakerjaan.client';
import type { EmploymentInsuranceRecord } from './employment-insurance.records';
import { SIPP_TK_BATCH_LIMIT } from './sipp-tk.wire';

export interface BpjsKetenagakerjaanLoaders {
  /** Membership by NIK; a non-member resolves to a NOT_REGISTERED record. One batch call per 100 NIKs. */
  employmentInsurance: DataLoader<string, EmploymentInsuranceRecord | null>;
}

/** The per-request context of the bpjs-ketenagakerjaan subgraph. */
export interface BpjsKetenagakerjaanContext {
  loaders: BpjsKetenagakerjaanLoaders;
}

/**
 * Fresh loaders for one request. SIPP-TK has a batch call, so every NIK asked in one tick
 * goes out in one call (split at 100); a NIK whose entry was unusable fails alone.
 */
export function createBpjsKetenagakerjaanLoaders(source: EmploymentInsuranceSource): BpjsKetenagakerjaanLoaders {
  return {
    employmentInsurance: createBatchLoader<EmploymentInsuranceRecord>((niks) => source.findMembers(niks), { maxBatchSize: SIPP_TK_BATCH_LIMIT }),
  };
}
