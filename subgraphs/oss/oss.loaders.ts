import type DataLoader from 'dataloader';
import { createBoundedLoader } from '../kit/loaders';
import type { BusinessRecord } from './business.records';
import type { BusinessSource } from './oss.client';
import { DEFAULT_CONCURRENCY } from './oss.config';

export interface OssLoaders {
  /** Businesses by owner NIK; none resolves to [], never to null. */
  businessesByOwner: DataLoader<string, BusinessRecord[] | null>;
}

/** The per-request context of the oss subgraph. */
export interface OssContext {
  loaders: OssLoaders;
}

/**
 * Fresh loaders for one request. OSS-RBA's partner API is per NIK (no batch call), so the
 * loader makes one call per distinct NIK with at most `concurrency` in flight: a family of
 * six, or a `citizens` query for 100 NIKs, never floods the OSS gateway's rate limit.
 */
export function createOssLoaders(source: BusinessSource, options: { concurrency?: number } = {}): OssLoaders {
  return {
    businessesByOwner: createBoundedLoader((nik) => source.findBusinessesByOwner(nik), {
      concurrency: options.concurrency ?? DEFAULT_CONCURRENCY,
    }),
  };
}
