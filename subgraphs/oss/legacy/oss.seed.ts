import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { OCCUPATION } from '../../population/attributes';
import { addDays, addYears, ageOn, fromDayNumber, toDayNumber } from '../../population/dates';
import type { FamilyCard, Person } from '../../population/person';
import { DISTRICT_SPLIT_DATE, PEKANBARU_DISTRICT_PLACES, STREET_NAMES, type DistrictPlaces } from '../../population/places';
import { pickWeighted, shuffled } from '../../population/rng';
import type { Rng, SeedContext } from '../../population/seed-context';
import type { BusinessRiskLevelName } from '../business.records';
import { RISIKO_LABEL, type OssIzin, type OssKbli, type OssNibRecord, type OssPenanggungJawab } from '../oss-rba.wire';
import { COMPANY_TAILS, KBLI_CATALOG, NAME_WORDS, NICKNAMES, type KbliEntry } from './kbli-catalog';
import { STORE_FILE, serializeOssStore } from './oss.store';

/**
 * Who holds businesses in the synthetic population, and how OSS writes them. Documented in
 * README.md ("Seed"); tests check the rates.
 */
export const OSS_SEED_RATES = {
  /** Nobody younger owns a registered business. */
  adultAge: 18,
  /** Share of adults owning a registered micro business (warung, laundry, bengkel, ...). */
  microOwner: 0.12,
  /** Relative odds of owning a micro business by occupation; the base is scaled so the share of adults stays `microOwner`. */
  microOdds: { entrepreneur: 3, student: 0.25, other: 1 },
  /** Micro owners with a second micro business (another NIB). */
  secondMicroBusiness: 0.1,
  /** Share of adults owning a small or medium business (independent of micro ones). */
  smeOwner: 0.02,
  /** Of those, medium (non-UMK); the rest are small. */
  mediumShare: 0.3,
  /** Businesses registering a second activity (KBLI). */
  secondActivity: 0.2,
  legalForm: {
    MIKRO: [['PERORANGAN', 0.95], ['PT PERORANGAN', 0.05]],
    KECIL: [['PERORANGAN', 0.4], ['PT PERORANGAN', 0.1], ['CV', 0.3], ['PT', 0.2]],
    MENENGAH: [['PERORANGAN', 0.15], ['CV', 0.45], ['PT', 0.4]],
  },
  /** Partners besides the owner in a CV or a PT: spouse and adult children first, else another adult. */
  partners: [[1, 0.7], [2, 0.3]],
  /** NIBs issued by OSS 1.1 (9 July 2018 - 3 August 2021) and migrated; the rest by OSS-RBA. */
  migrated: 0.25,
  /** Micro businesses located in the owner's own district (home-based); the rest anywhere in the city. */
  microInOwnDistrict: 0.8,
  /** NIBs revoked (the business closed); every licence under it is revoked too. */
  nibRevoked: 0.01,
  /** MEDIUM_HIGH Sertifikat Standar still being verified. */
  certificateInProcess: 0.15,
  /** HIGH-risk Izin status. */
  izinStatus: [['AKTIF', 0.8], ['DALAM PROSES', 0.15], ['DIBEKUKAN', 0.05]],
  /** Businesses of a food activity holding its PB-UMKU (SPP-IRT, SLHS). */
  pbUmkuHeld: 0.7,
} as const;

/** OSS 1.1 went live on 9 July 2018; OSS-RBA replaced it on 4 August 2021. */
export const OSS_LAUNCH = '2018-07-09';
export const OSS_RBA_LAUNCH = '2021-08-04';

type Skala = 'MIKRO' | 'KECIL' | 'MENENGAH';
type BadanUsaha = 'PERORANGAN' | 'PT PERORANGAN' | 'CV' | 'PT';

/** Plantations outside the city: regencies next to Pekanbaru, with villages (desa) of the kind found there. */
const OUTSIDE_REGENCIES: readonly string[] = ['1401', '1405', '1408'];
const OUTSIDE_VILLAGES: readonly string[] = ['DESA KUALU NENAS', 'DESA PANDAU JAYA', 'DESA TARAI BANGUN', 'DESA BERINGIN LESTARI', 'DESA DAYUN', 'DESA KERINCI KANAN', 'DESA SUNGAI PAGAR'];
const OUTSIDE_ROADS: readonly string[] = ['JL. LINTAS TIMUR', 'JL. RAYA PEKANBARU-BANGKINANG', 'JL. RAYA PERAWANG', 'JL. POROS DESA', 'JL. KOPERASI'];

const pad = (value: number, width: number): string => String(value).padStart(width, '0');

function oddsOf(person: Person): number {
  if (person.occupation === OCCUPATION.ENTREPRENEUR || person.occupation === OCCUPATION.TRADER) return OSS_SEED_RATES.microOdds.entrepreneur;
  if (person.occupation === OCCUPATION.STUDENT) return OSS_SEED_RATES.microOdds.student;
  return OSS_SEED_RATES.microOdds.other;
}

interface SeedState {
  context: SeedContext;
  adults: readonly Person[];
  families: ReadonlyMap<string, FamilyCard>;
  takenNibs: Set<string>;
  nibRng: Rng;
  latest: string;
}

/** The NIB records of the store, in population order of their first owner. */
export function buildOssRecords(context: SeedContext): OssNibRecord[] {
  const latest = addDays(context.referenceDate, -1);
  if (latest < OSS_LAUNCH) return []; // no OSS before July 2018
  const ownership = context.rng.fork('ownership');
  const adults = context.population.people.filter((person) => ageOn(person.birthDate, context.referenceDate) >= OSS_SEED_RATES.adultAge);
  const meanOdds = adults.reduce((sum, person) => sum + oddsOf(person), 0) / Math.max(1, adults.length);
  const state: SeedState = {
    context,
    adults,
    families: new Map(context.population.families.map((family) => [family.number, family])),
    takenNibs: new Set(),
    nibRng: context.rng.fork('nib'),
    latest,
  };
  const records: OssNibRecord[] = [];
  for (const person of adults) {
    // Every draw is made for every adult, so one person's outcome never shifts another's.
    const micro = ownership.chance(Math.min(0.95, (OSS_SEED_RATES.microOwner * oddsOf(person)) / meanOdds));
    const secondMicro = ownership.chance(OSS_SEED_RATES.secondMicroBusiness);
    const sme = ownership.chance(OSS_SEED_RATES.smeOwner);
    const medium = ownership.chance(OSS_SEED_RATES.mediumShare);
    const scales: Skala[] = [];
    if (micro) scales.push('MIKRO');
    if (micro && secondMicro) scales.push('MIKRO');
    if (sme) scales.push(medium ? 'MENENGAH' : 'KECIL');
    // A stream per owner: their businesses do not depend on anyone else's.
    const rng = context.rng.fork('business').fork(person.nik);
    for (const skala of scales) {
      const record = buildRecord(state, rng, person, skala);
      if (record) records.push(record);
    }
  }
  return records;
}

/** Writes `<agencyDir>/nib.json`, the OSS store the simulator serves. */
export async function seedOssStore(context: SeedContext): Promise<void> {
  await writeFile(join(context.agencyDir, STORE_FILE), serializeOssStore(buildOssRecords(context)), 'utf8');
}

function pickEntry(rng: Rng, skala: Skala, except?: string): KbliEntry {
  const weightOf = (entry: KbliEntry): number => (entry.code === except ? 0 : skala === 'MIKRO' ? entry.micro : entry.sme);
  return pickWeighted(rng, KBLI_CATALOG.map((entry) => [entry, weightOf(entry)] as const));
}

function dayBetween(rng: Rng, from: string, to: string): string {
  return fromDayNumber(rng.int(toDayNumber(from), toDayNumber(to)));
}

function buildRecord(state: SeedState, rng: Rng, owner: Person, skala: Skala): OssNibRecord | null {
  const { context, latest } = state;
  // When: OSS 1.1 (migrated) or OSS-RBA, never before the owner turned 18.
  const earliest = [OSS_LAUNCH, addYears(owner.birthDate, OSS_SEED_RATES.adultAge)].sort()[1] as string;
  const migratedEnd = addDays(OSS_RBA_LAUNCH, -1) < latest ? addDays(OSS_RBA_LAUNCH, -1) : latest;
  const rbaStart = earliest > OSS_RBA_LAUNCH ? earliest : OSS_RBA_LAUNCH;
  const canMigrate = earliest <= migratedEnd;
  const canRba = rbaStart <= latest;
  const wantsMigrated = rng.chance(OSS_SEED_RATES.migrated);
  if (!canMigrate && !canRba) return null;
  const migrated = canMigrate && (wantsMigrated || !canRba);
  const issuedOn = migrated ? dayBetween(rng, earliest, migratedEnd) : dayBetween(rng, rbaStart, latest);

  const umk = skala !== 'MENENGAH';
  const first = pickEntry(rng, skala);
  const entries = rng.chance(OSS_SEED_RATES.secondActivity) ? [first, pickEntry(rng, skala, first.code)] : [first];
  const form = pickWeighted(rng, OSS_SEED_RATES.legalForm[skala]) as BadanUsaha;
  const nib = newNib(state, migrated ? '8' : '9');

  const persons: OssPenanggungJawab[] = [{ nik: owner.nik, nama: context.planter.copyFullName(owner), jabatan: ownerRole(form) }];
  if (form === 'CV' || form === 'PT') {
    const count = pickWeighted(rng, OSS_SEED_RATES.partners);
    for (const partner of partnersOf(state, rng, owner, count)) {
      persons.push({ nik: partner.nik, nama: context.planter.copyFullName(partner), jabatan: form === 'CV' ? 'PESERO KOMANDITER' : 'KOMISARIS' });
    }
  }

  const location = locate(rng, owner, first, skala, migrated, issuedOn);
  const risks = entries.map((entry): BusinessRiskLevelName => (umk ? entry.riskUmk : entry.riskNonUmk));
  const data_kbli: OssKbli[] = entries.map((entry, index) => ({ kbli: entry.code, judul_kbli: entry.title, tingkat_risiko: RISIKO_LABEL[risks[index] as BusinessRiskLevelName] }));
  const revoked = rng.chance(OSS_SEED_RATES.nibRevoked);
  const data_izin = licencesOf(rng, { nib, issuedOn, latest, referenceDate: context.referenceDate, entries, risks, umk, regencyCode: location.kd_wilayah.replace(/\./g, '').slice(0, 4), revoked });

  return {
    nib,
    tgl_terbit_nib: migrated ? issuedOn : `${issuedOn} ${pad(rng.int(8, 16), 2)}:${pad(rng.int(0, 59), 2)}:${pad(rng.int(0, 59), 2)}`,
    nama_usaha: businessName(rng, first, form),
    jenis_badan_usaha: form,
    skala_usaha: skala,
    alamat_usaha: location.alamat_usaha,
    kelurahan_usaha: location.kelurahan_usaha,
    kd_wilayah: location.kd_wilayah,
    penanggung_jawab: persons,
    data_kbli,
    data_izin,
  };
}

/** 13 digits: "8" for OSS 1.1 NIBs, "9" for OSS-RBA ones (our model), unique in the store. */
function newNib(state: SeedState, prefix: string): string {
  for (;;) {
    const candidate = `${prefix}${pad(state.nibRng.int(0, 999_999), 6)}${pad(state.nibRng.int(0, 999_999), 6)}`;
    if (!state.takenNibs.has(candidate)) {
      state.takenNibs.add(candidate);
      return candidate;
    }
  }
}

function ownerRole(form: BadanUsaha): string {
  if (form === 'PERORANGAN') return 'PEMILIK';
  if (form === 'CV') return 'PESERO AKTIF';
  return 'DIREKTUR';
}

/** Family businesses: the owner's adult relatives on the same card first, else other adults. */
function partnersOf(state: SeedState, rng: Rng, owner: Person, count: number): Person[] {
  const { context, adults } = state;
  const family = state.families.get(owner.familyCardNumber);
  const relatives = (family?.memberNiks ?? [])
    .filter((nik) => nik !== owner.nik)
    .map((nik) => context.byNik.get(nik))
    .filter((person): person is Person => person !== undefined && ageOn(person.birthDate, context.referenceDate) >= OSS_SEED_RATES.adultAge);
  const chosen = shuffled(rng, relatives).slice(0, count);
  for (let tries = 0; chosen.length < count && tries < 20; tries++) {
    const candidate = rng.pick(adults);
    if (candidate.nik !== owner.nik && !chosen.some((person) => person.nik === candidate.nik)) chosen.push(candidate);
  }
  return chosen;
}

interface Location {
  alamat_usaha: string;
  kelurahan_usaha: string;
  kd_wilayah: string;
}

/**
 * Where the business is. Notation: OSS 1.1 records carry the district dotted ("14.71.08"),
 * with the district's code of the time (before 2021 districts 13-15 were part of 08, 10, 12);
 * OSS-RBA records carry a ten-digit village id (the village's place in our list, 1001.. for a
 * kelurahan, 2001.. for a desa: our numbering, not the official one).
 */
function locate(rng: Rng, owner: Person, entry: KbliEntry, skala: Skala, migrated: boolean, issuedOn: string): Location {
  if (entry.outside !== undefined && rng.chance(entry.outside)) {
    const districtCode = `${rng.pick(OUTSIDE_REGENCIES)}${pad(rng.int(1, 12), 2)}`;
    return {
      alamat_usaha: `${rng.pick(OUTSIDE_ROADS)} KM ${rng.int(5, 60)}`,
      kelurahan_usaha: rng.pick(OUTSIDE_VILLAGES),
      kd_wilayah: migrated ? dotted(districtCode) : `${districtCode}2${pad(rng.int(1, 20), 3)}`,
    };
  }
  const home = PEKANBARU_DISTRICT_PLACES.find((place) => place.code === owner.address.districtCode);
  const place: DistrictPlaces =
    skala === 'MIKRO' && home !== undefined && rng.chance(OSS_SEED_RATES.microInOwnDistrict)
      ? home
      : pickWeighted(rng, PEKANBARU_DISTRICT_PLACES.map((candidate) => [candidate, candidate.weight] as const));
  const villageIndex = rng.int(0, place.villages.length - 1);
  const street = `${rng.pick(STREET_NAMES)} NO. ${rng.int(1, 250)} RT ${pad(rng.int(1, 15), 3)} RW ${pad(rng.int(1, 12), 3)}`;
  const codeThen = place.splitFrom !== undefined && issuedOn < DISTRICT_SPLIT_DATE ? place.splitFrom : place.code;
  return {
    alamat_usaha: street,
    kelurahan_usaha: place.villages[villageIndex] as string,
    kd_wilayah: migrated ? dotted(codeThen) : `${place.code}${1000 + villageIndex + 1}`,
  };
}

function dotted(districtCode: string): string {
  return `${districtCode.slice(0, 2)}.${districtCode.slice(2, 4)}.${districtCode.slice(4, 6)}`;
}

function businessName(rng: Rng, entry: KbliEntry, form: BadanUsaha): string {
  if (form === 'CV' || form === 'PT' || form === 'PT PERORANGAN') {
    const prefix = form === 'CV' ? 'CV' : 'PT';
    const tail = form !== 'CV' && rng.chance(0.5) ? ` ${rng.pick(COMPANY_TAILS)}` : '';
    return `${prefix} ${rng.pick(NAME_WORDS)} ${entry.sector}${tail}`;
  }
  const outlet = rng.pick(entry.outlet);
  const word = entry.nickname === true && rng.chance(0.5) ? rng.pick(NICKNAMES) : rng.pick(NAME_WORDS);
  // Phone shops put the word first: "BERKAH CELLULAR".
  return outlet === 'CELLULAR' ? `${word} ${outlet}` : `${outlet} ${word}`;
}

interface LicenceInput {
  nib: string;
  issuedOn: string;
  latest: string;
  referenceDate: string;
  entries: readonly KbliEntry[];
  risks: readonly BusinessRiskLevelName[];
  umk: boolean;
  regencyCode: string;
  revoked: boolean;
}

/**
 * The licences under one NIB, following risk-based licensing: LOW needs the NIB only,
 * MEDIUM_LOW a self-declared Sertifikat Standar, MEDIUM_HIGH a verified one, HIGH an Izin;
 * food businesses often hold a PB-UMKU (SPP-IRT for home food industry, SLHS for caterers).
 */
function licencesOf(rng: Rng, input: LicenceInput): OssIzin[] {
  const { nib, issuedOn, latest } = input;
  const later = (minDays: number, maxDays: number): string => {
    const date = addDays(issuedOn, rng.int(minDays, maxDays));
    return date > latest ? latest : date;
  };
  let serial = 0;
  const nextNumber = (): string => `${nib}${pad(++serial, 4)}`;
  const izin: OssIzin[] = [
    { jenis_izin: 'NIB', nama_izin: 'Nomor Induk Berusaha', nomor_izin: nib, kbli: null, tgl_terbit_izin: issuedOn, tgl_berlaku_sampai: null, status_izin: 'AKTIF' },
  ];
  input.entries.forEach((entry, index) => {
    const risk = input.risks[index];
    if (risk === 'MEDIUM_LOW') {
      izin.push({ jenis_izin: 'SS', nama_izin: 'Sertifikat Standar', nomor_izin: nextNumber(), kbli: entry.code, tgl_terbit_izin: issuedOn, tgl_berlaku_sampai: null, status_izin: 'AKTIF' });
    } else if (risk === 'MEDIUM_HIGH') {
      const inProcess = rng.chance(OSS_SEED_RATES.certificateInProcess);
      izin.push({
        jenis_izin: 'SS',
        nama_izin: 'Sertifikat Standar',
        nomor_izin: inProcess ? '' : nextNumber(),
        kbli: entry.code,
        tgl_terbit_izin: inProcess ? null : later(3, 60),
        tgl_berlaku_sampai: null,
        status_izin: inProcess ? 'DALAM PROSES' : 'AKTIF',
      });
    } else if (risk === 'HIGH') {
      const status = pickWeighted(rng, OSS_SEED_RATES.izinStatus);
      const inProcess = status === 'DALAM PROSES';
      izin.push({
        jenis_izin: 'IZIN',
        nama_izin: entry.izin ?? 'Izin',
        nomor_izin: inProcess ? '' : nextNumber(),
        kbli: entry.code,
        tgl_terbit_izin: inProcess ? null : later(7, 120),
        tgl_berlaku_sampai: null,
        status_izin: status,
      });
    }
    const support = entry.pbUmku;
    if (support && (input.umk || !support.umkOnly) && rng.chance(OSS_SEED_RATES.pbUmkuHeld)) {
      const issued = later(0, 365);
      const validUntil = addYears(issued, support.validYears);
      izin.push({
        jenis_izin: 'PB_UMKU',
        nama_izin: support.name,
        nomor_izin:
          support.kind === 'SPP-IRT'
            ? `P-IRT 2${pad(rng.int(1, 15), 2)}${input.regencyCode}${pad(rng.int(1, 99), 2)}${pad(rng.int(1, 9999), 4)}-${validUntil.slice(2, 4)}`
            : `${pad(rng.int(1, 2500), 4)}/SLHS/DINKES/${issued.slice(0, 4)}`,
        kbli: entry.code,
        tgl_terbit_izin: issued,
        tgl_berlaku_sampai: validUntil,
        // OSS updates statuses nightly: on the reference date a past validity reads KEDALUWARSA.
        status_izin: validUntil < input.referenceDate ? 'KEDALUWARSA' : 'AKTIF',
      });
    }
  });
  if (input.revoked) {
    for (const licence of izin) if (licence.status_izin !== 'KEDALUWARSA') licence.status_izin = 'DICABUT';
  }
  return izin;
}
