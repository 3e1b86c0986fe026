import { LegacyError } from '../../../../subgraphs/kit/errors';
import { mapCitizenRow } from '../../../../subgraphs/dukcapil/dukcapil.mapper';
import { FAMILY_CARD_CONCURRENCY, createDukcapilLoaders, type DukcapilSource } from '../../../../subgraphs/dukcapil/dukcapil.loaders';
import type { CitizenRecord, FamilyCardRecord } from '../../../../subgraphs/dukcapil/dukcapil.records';
import { ANI, BUDI, CITRA, KK, UNKNOWN, aniRow, budiRow, citraRow } from './siak-fixtures';

const records = new Map<string, CitizenRecord>(
  [budiRow(), aniRow(), citraRow()].map((row) => {
    const record = mapCitizenRow(row, () => undefined);
    return [record.nik, record];
  }),
);

/** A fake adapter that records every legacy call it would make. */
class CountingSource implements DukcapilSource {
  batches: string[][] = [];
  cardCalls = 0;
  inFlight = 0;
  maxInFlight = 0;
  failBatch = false;
  badRowFor: string | null = null;

  async findCitizens(niks: readonly string[]): Promise<Map<string, CitizenRecord | LegacyError>> {
    this.batches.push([...niks]);
    if (this.failBatch) throw new LegacyError('AGENCY_UNAVAILABLE', 'dukcapil', 'down');
    const found = new Map<string, CitizenRecord | LegacyError>();
    for (const nik of niks) {
      if (nik === this.badRowFor) found.set(nik, new LegacyError('AGENCY_BAD_RESPONSE', 'dukcapil', 'bad row'));
      else {
        const record = records.get(nik) ?? (nik.startsWith('1471089') ? { ...records.get(BUDI)!, nik } : undefined);
        if (record) found.set(nik, record);
      }
    }
    return found;
  }

  async findFamilyCard(number: string): Promise<FamilyCardRecord | null> {
    this.cardCalls += 1;
    this.inFlight += 1;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    await new Promise((resolve) => setTimeout(resolve, 5));
    this.inFlight -= 1;
    return number === KK ? { number, members: [...records.values()] } : null;
  }
}

describe('createDukcapilLoaders', () => {
  it('asks SIAK once for N NIKs requested in the same tick, null for unknown, same order', async () => {
    const source = new CountingSource();
    const { citizen } = createDukcapilLoaders(source);
    const answers = await Promise.all([BUDI, UNKNOWN, ANI, BUDI].map((nik) => citizen.load(nik)));
    expect(source.batches).toEqual([[BUDI, UNKNOWN, ANI]]);
    expect(answers.map((answer) => answer?.nik ?? null)).toEqual([BUDI, null, ANI, BUDI]);
  });

  it('splits at 100 NIKs per call: 250 keys -> 3 calls', async () => {
    const source = new CountingSource();
    const { citizen } = createDukcapilLoaders(source);
    const niks = Array.from({ length: 250 }, (_, i) => `1471089${String(i + 1).padStart(9, '0')}`);
    const answers = await Promise.all(niks.map((nik) => citizen.load(nik)));
    expect(source.batches.map((batch) => batch.length)).toEqual([100, 100, 50]);
    expect(answers.every((answer, i) => answer?.nik === niks[i])).toBe(true);
  });

  it('fails only the key whose row was unusable, and every key of a failed call', async () => {
    const source = new CountingSource();
    source.badRowFor = ANI;
    const { citizen } = createDukcapilLoaders(source);
    const settled = await Promise.allSettled([citizen.load(BUDI), citizen.load(ANI)]);
    expect(settled[0]).toMatchObject({ status: 'fulfilled' });
    expect(settled[1]).toMatchObject({ status: 'rejected', reason: { code: 'AGENCY_BAD_RESPONSE' } });

    const down = new CountingSource();
    down.failBatch = true;
    const loaders = createDukcapilLoaders(down);
    const failed = await Promise.allSettled([loaders.citizen.load(BUDI), loaders.citizen.load(ANI)]);
    expect(failed.map((result) => result.status)).toEqual(['rejected', 'rejected']);
    expect(down.batches).toHaveLength(1);
  });

  it('keeps family-card calls under the concurrency cap, one call per distinct card', async () => {
    const source = new CountingSource();
    const { familyCard } = createDukcapilLoaders(source);
    const cards = Array.from({ length: 12 }, (_, i) => `14710815011000${String(i + 10)}`);
    await Promise.all([...cards, ...cards].map((card) => familyCard.load(card)));
    expect(source.cardCalls).toBe(12);
    expect(source.maxInFlight).toBeLessThanOrEqual(FAMILY_CARD_CONCURRENCY);
    expect(source.maxInFlight).toBeGreaterThan(1);
  });

  it('primes the citizen loader with the members of a loaded card (no batch call for them)', async () => {
    const source = new CountingSource();
    const loaders = createDukcapilLoaders(source);
    const card = await loaders.familyCard.load(KK);
    expect(card?.members.map((member) => member.nik)).toEqual([BUDI, ANI, CITRA]);
    await Promise.all([BUDI, ANI, CITRA].map((nik) => loaders.citizen.load(nik)));
    expect(source.batches).toEqual([]);
  });

  it('fresh loaders share nothing', async () => {
    const source = new CountingSource();
    await createDukcapilLoaders(source).citizen.load(BUDI);
    await createDukcapilLoaders(source).citizen.load(BUDI);
    expect(source.batches).toHaveLength(2);
  });
});
