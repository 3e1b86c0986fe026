import DataLoader from 'dataloader';
import { createBoundedLoader } from '../kit/loaders';
import type { DukcapilClient } from './dukcapil.client';
import type { CitizenRecord, FamilyCardRecord } from './dukcapil.records';
import { SIAK_BATCH_LIMIT } from './siak.wire';

/** What the loaders need from the adapter (an interface, so tests can count calls with a fake). */
export type DukcapilSource = Pick<DukcapilClient, 'findCitizens' | 'findFamilyCard'>;

export interface DukcapilLoaders {
  /** NIK -> record (null = unknown to the registry). One CALL_NIK_BATCH per 100 keys. */
  citizen: DataLoader<string, CitizenRecord | null>;
  /** KK number -> family card (null = unknown). SIAK has no batch call for cards: bounded concurrency. */
  familyCard: DataLoader<string, FamilyCardRecord | null>;
}

/** Family-card calls in flight at once for one request. */
export const FAMILY_CARD_CONCURRENCY = 4;

/** Fresh loaders for one GraphQL request: caches must never outlive it. */
export function createDukcapilLoaders(source: DukcapilSource): DukcapilLoaders {
  // Our own DataLoader rather than the kit's createBatchLoader: SIAK can answer a batch in
  // which one row is unusable, and that must fail only that NIK (an Error in its slot),
  // which createBatchLoader's `Map<key, V>` cannot express.
  const citizen = new DataLoader<string, CitizenRecord | null>(
    async (niks) => {
      const found = await source.findCitizens(niks);
      return niks.map((nik) => found.get(nik) ?? null);
    },
    { maxBatchSize: SIAK_BATCH_LIMIT },
  );
  const familyCard = createBoundedLoader<FamilyCardRecord>(
    async (number) => {
      const card = await source.findFamilyCard(number);
      // The card call already returned every member's full row: later look-ups of those
      // NIKs in this request (e.g. members resolved as entities) need no second call.
      for (const member of card?.members ?? []) citizen.prime(member.nik, member);
      return card;
    },
    { concurrency: FAMILY_CARD_CONCURRENCY },
  );
  return { citizen, familyCard };
}
