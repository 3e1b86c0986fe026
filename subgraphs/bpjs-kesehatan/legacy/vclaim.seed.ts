import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Person } from '../../population/person';
import type { Rng, SeedContext } from '../../population/seed-context';
import { HAK_KELAS, JENIS_PESERTA, STATUS_PESERTA, type VClaimPeserta, type VClaimProvider, type VClaimSegment } from '../vclaim.records';
import { STORE_FILE, serializeVClaimStore } from './vclaim.store';

/**
 * Seed rates (documented in the README). Membership is decided per family card, as JKN
 * enrols families: a family is enrolled or not, its members share the segment, the class
 * and the primary-care provider, and a self-paying family falls into arrears together.
 */
export const SEED_RATES = {
  /** Share of family cards enrolled in JKN. */
  familyEnrolled: 0.87,
  /** Within an enrolled family, share of members holding a card (newborns not yet added, ...). */
  memberEnrolled: 0.975,
  /** Self-paying (PBPU) and BP families whose cards are suspended for unpaid contributions. */
  familyInArrears: 0.25,
  /** Any member whose card is inactive for another reason (left, suspended, moved). */
  otherInactive: 0.035,
  /** Share of families registered with a clinic or family doctor rather than the district puskesmas. */
  privateProvider: 0.25,
} as const;

/** Monthly contribution per person by class, in rupiah (Perpres 64/2020; class III net of the subsidy). */
const MONTHLY_CONTRIBUTION: Record<string, number> = { '1': 150_000, '2': 100_000, '3': 35_000 };

/** Segment weights for a head whose occupation says nothing (or is not known). */
const FALLBACK_SEGMENT: ReadonlyArray<[VClaimSegment, number]> = [
  ['PBI_APBN', 0.38],
  ['PBI_APBD', 0.1],
  ['PPU', 0.22],
  ['PBPU', 0.22],
  ['BP', 0.08],
];

/** Ward class weights by segment (PBI is always class III by law). */
const CLASS_WEIGHTS: Record<VClaimSegment, ReadonlyArray<[string, number]>> = {
  PBI_APBN: [['3', 1]],
  PBI_APBD: [['3', 1]],
  PPU: [['1', 0.3], ['2', 0.5], ['3', 0.2]],
  PBPU: [['1', 0.2], ['2', 0.3], ['3', 0.5]],
  BP: [['1', 0.45], ['2', 0.4], ['3', 0.15]],
};

/** The district puskesmas of each Kota Pekanbaru district (by district code), VClaim-style provider codes. */
const PUSKESMAS: Record<string, VClaimProvider> = {
  '147101': { kdProvider: '04020101', nmProvider: 'PUSKESMAS MELUR' },
  '147102': { kdProvider: '04020201', nmProvider: 'PUSKESMAS PEKANBARU KOTA' },
  '147103': { kdProvider: '04020301', nmProvider: 'PUSKESMAS SAIL' },
  '147104': { kdProvider: '04020401', nmProvider: 'PUSKESMAS LIMA PULUH' },
  '147105': { kdProvider: '04020501', nmProvider: 'PUSKESMAS SENAPELAN' },
  '147106': { kdProvider: '04020601', nmProvider: 'PUSKESMAS RUMBAI' },
  '147107': { kdProvider: '04020701', nmProvider: 'PUSKESMAS SIMPANG TIGA' },
  '147108': { kdProvider: '04020801', nmProvider: 'PUSKESMAS SIDOMULYO' },
  '147109': { kdProvider: '04020901', nmProvider: 'PUSKESMAS GARUDA' },
  '147110': { kdProvider: '04021001', nmProvider: 'PUSKESMAS REJOSARI' },
  '147111': { kdProvider: '04021101', nmProvider: 'PUSKESMAS PAYUNG SEKAKI' },
  '147112': { kdProvider: '04021201', nmProvider: 'PUSKESMAS RUMBAI PESISIR' },
  '147113': { kdProvider: '04021301', nmProvider: 'PUSKESMAS SIMPANG BARU' },
  '147114': { kdProvider: '04021401', nmProvider: 'PUSKESMAS KULIM' },
  '147115': { kdProvider: '04021501', nmProvider: 'PUSKESMAS RUMBAI TIMUR' },
};
const PRIVATE_PROVIDERS: readonly VClaimProvider[] = [
  { kdProvider: '0402K001', nmProvider: 'KLINIK PRATAMA SEHAT MADANI' },
  { kdProvider: '0402K002', nmProvider: 'KLINIK PRATAMA RIAU MEDIKA' },
  { kdProvider: '0402U001', nmProvider: 'dr. SITI RAHMAWATI' },
];
const FALLBACK_PROVIDER: VClaimProvider = { kdProvider: '04020201', nmProvider: 'PUSKESMAS PEKANBARU KOTA' };

interface FamilyMembership {
  enrolled: boolean;
  jenisKode: string;
  kelasKode: string;
  provider: VClaimProvider;
  /** Months of unpaid contributions (0 = paid up). */
  arrearsMonths: number;
}

function weighted<T>(rng: Rng, options: ReadonlyArray<[T, number]>): T {
  const total = options.reduce((sum, [, weight]) => sum + weight, 0);
  let roll = rng.next() * total;
  for (const [value, weight] of options) {
    roll -= weight;
    if (roll < 0) return value;
  }
  return options[options.length - 1]![0];
}

function codesOfSegment(segment: VClaimSegment): string[] {
  return Object.entries(JENIS_PESERTA)
    .filter(([, jenis]) => jenis.segment === segment)
    .map(([kode]) => kode);
}

/**
 * The family's `jenisPeserta` code from the head's occupation when it says something
 * (civil servants, soldiers, police, employees, pensioners, informal workers), otherwise
 * from the fallback weights. Keyword matching keeps it robust to the generator's wording.
 */
function jenisForOccupation(rng: Rng, occupation: string): string {
  const job = occupation.toUpperCase();
  if (/PEGAWAI NEGERI|\bPNS\b|\bASN\b/.test(job)) return rng.pick(['21', '22']);
  if (/\bTNI\b|TENTARA/.test(job)) return '23';
  if (/POLRI|POLISI|KEPOLISIAN/.test(job)) return '24';
  if (/BUMN|BUMD/.test(job)) return '26';
  if (/PENSIUN/.test(job)) return '41';
  if (/WIRASWASTA|PEDAGANG|PERDAGANGAN|PETANI|NELAYAN|BURUH HARIAN|SOPIR|TUKANG|MEKANIK|OJEK|DOKTER|NOTARIS|PENGACARA|SENIMAN/.test(job)) {
    // Many informal workers are on the subsidised list rather than paying themselves.
    return rng.chance(0.45) ? rng.pick(['11', '12']) : '31';
  }
  if (/KARYAWAN|PEGAWAI|BURUH|HONORER|PERAWAT|BIDAN|GURU|DOSEN/.test(job)) return '25';
  return rng.pick(codesOfSegment(weighted(rng, FALLBACK_SEGMENT)));
}

function segmentOf(jenisKode: string): VClaimSegment {
  const jenis = JENIS_PESERTA[jenisKode];
  if (!jenis) throw new Error(`seed bug: jenisPeserta ${jenisKode} is not in the code list`);
  return jenis.segment;
}

function decideFamily(rng: Rng, head: Person | undefined, districtCode: string): FamilyMembership {
  const enrolled = rng.chance(SEED_RATES.familyEnrolled);
  const jenisKode = jenisForOccupation(rng, head?.occupation ?? '');
  const segment = segmentOf(jenisKode);
  const kelasKode = weighted(rng, CLASS_WEIGHTS[segment]);
  const provider = rng.chance(SEED_RATES.privateProvider)
    ? rng.pick(PRIVATE_PROVIDERS)
    : (PUSKESMAS[districtCode] ?? FALLBACK_PROVIDER);
  const paysOwnContribution = segment === 'PBPU' || segment === 'BP';
  const arrearsMonths = paysOwnContribution && rng.chance(SEED_RATES.familyInArrears) ? rng.int(1, 24) : 0;
  return { enrolled, jenisKode, kelasKode, provider, arrearsMonths };
}

/** "000" + 10 digits, unique within the store. */
function cardNumber(rng: Rng, taken: Set<string>): string {
  for (;;) {
    const candidate = `000${String(rng.int(0, 99_999)).padStart(5, '0')}${String(rng.int(0, 99_999)).padStart(5, '0')}`;
    if (!taken.has(candidate)) {
      taken.add(candidate);
      return candidate;
    }
  }
}

function label(list: Record<string, string>, kode: string): { kode: string; keterangan: string } {
  return { kode, keterangan: list[kode] ?? '' };
}

/** Builds the BPJS store rows (exported for tests; `seedVClaimStore` writes them). */
export function buildVClaimRows(context: SeedContext): VClaimPeserta[] {
  // One stream per purpose, so a change in one decision never shifts the others.
  const familyRng = context.rng.fork('family');
  const personRng = context.rng.fork('person');
  const cardRng = context.rng.fork('card');
  const families = new Map<string, FamilyMembership>();
  const headByCard = new Map(context.population.families.map((family) => [family.number, family.headNik]));
  const cards = new Set<string>();
  const rows: VClaimPeserta[] = [];

  for (const person of context.population.people) {
    let family = families.get(person.familyCardNumber);
    if (!family) {
      const headNik = headByCard.get(person.familyCardNumber);
      const head = headNik === undefined ? person : (context.byNik.get(headNik) ?? person);
      family = decideFamily(familyRng, head, person.address.districtCode);
      families.set(person.familyCardNumber, family);
    }
    // Drawn for everyone, member or not, so each person's later draws do not depend on others'.
    const holdsCard = personRng.chance(SEED_RATES.memberEnrolled);
    const otherInactive = personRng.chance(SEED_RATES.otherInactive);
    const otherReason = personRng.pick(['2', '4', '5']);
    if (!family.enrolled || !holdsCard) continue;

    let statusKode = '0';
    let tunggakan = 0;
    if (family.arrearsMonths > 0) {
      statusKode = '1';
      tunggakan = family.arrearsMonths * (MONTHLY_CONTRIBUTION[family.kelasKode] ?? 0);
    } else if (otherInactive) {
      statusKode = otherReason;
    }
    const jenis = JENIS_PESERTA[family.jenisKode]!;
    rows.push({
      noKartu: cardNumber(cardRng, cards),
      nik: person.nik,
      // Identity copies go through the planter so planted differences reach the ground truth.
      nama: context.planter.copyFullName(person),
      tglLahir: context.planter.copyBirthDate(person),
      sex: context.planter.copySex(person) === 'FEMALE' ? 'P' : 'L',
      hakKelas: label(HAK_KELAS, family.kelasKode),
      jenisPeserta: { kode: family.jenisKode, keterangan: jenis.keterangan },
      statusPeserta: label(STATUS_PESERTA, statusKode),
      provUmum: { ...family.provider },
      tunggakan,
    });
  }
  return rows;
}

/** Writes `<agencyDir>/peserta.json`, the BPJS store the VClaim simulator serves. */
export async function seedVClaimStore(context: SeedContext): Promise<void> {
  await writeFile(join(context.agencyDir, STORE_FILE), serializeVClaimStore(buildVClaimRows(context)), 'utf8');
}
