import path from 'node:path';
import { writeExportAtomically } from '../../kit/export-file/atomic-write';
import { PEKANBARU_DISTRICTS } from '../../kit/regions';
import { addDays, addYears, ageOn, fromDayNumber, toDayNumber } from '../../population/dates';
import type { FamilyCard, Person } from '../../population/person';
import { DISTRICT_SPLIT_DATE, PEKANBARU_DISTRICT_PLACES } from '../../population/places';
import { pickWeighted, shuffled } from '../../population/rng';
import type { Rng, SeedContext } from '../../population/seed-context';
import { EXPORT_FILE_NAME, exportDate, formatExportText, type ExportRow } from '../kua-export.format';

/**
 * Who holds a marriage record at KUA in the synthetic population, and how SIMKAH writes it.
 * Documented in README.md ("Seed"); tests check the rates.
 */
export const KUA_SEED_RATES = {
  /** UU 16/2019: both spouses at least 19. Every seeded marriage is after both 19th birthdays. */
  minimumAge: 19,
  /** Married Muslim couples on one card whose marriage is in this export; the rest married outside Riau (another province's KUA). */
  coupleRecorded: 0.95,
  /** Divorced or widowed Muslim single parents (a child on the card) whose ended marriage is in this export. */
  singleParentRecorded: 0.9,
  /**
   * Couples married recently at KUA whose family cards are not updated yet (both still BELUM
   * KAWIN at the civil registry): this share of the recorded couples, married 14-240 days
   * before the reference date. Men 21-35, women 20-32, Muslim, unmarried, from different cards.
   */
  staleCouples: 0.02,
  staleDaysBack: [14, 240] as const,
  /** The akad took place at the KUA of the district the couple lives in now; otherwise another Pekanbaru KUA. */
  kuaOfOwnDistrict: 0.75,
  /** Days between the akad and the eldest child's birth (when the parents' 19th birthdays allow). */
  firstChildAfterDays: [300, 1100] as const,
  /** Childless couples: days between the later 19th birthday and the akad, uniform (and before the card's issue date). */
  childlessMarriedAfterDays: [0, 3650] as const,
  venue: [
    ['KANTOR', 0.3],
    ['LUAR KANTOR', 0.7],
  ] as const,
  /** Of divorces: cerai gugat (the wife sued) or cerai talak (the husband pronounced). */
  divorceKind: [
    ['CERAI GUGAT', 0.7],
    ['CERAI TALAK', 0.3],
  ] as const,
  /** Old (before October 2022) akta nikah numbers, by notation. */
  oldNumberNotation: [
    ['0123/08/IV/2015', 0.6],
    ['123/08/IV/2015', 0.25],
    ['Kk.04.2.08/PW.01/0123/2015', 0.15],
  ] as const,
  /** Marriages before 2014 migrated from SIMKAH desktop: this share writes dates as MySQL datetimes. */
  migratedBefore: '2014-01-01',
  migratedDateNotation: 0.5,
} as const;

/** The akta nikah numbering changed to 16 digits in October 2022. */
const NEW_NUMBERING_FROM = '2022-10-01';

const OUTSIDE_PLACES: ReadonlyArray<readonly [string, number]> = [
  ['KEDIAMAN MEMPELAI WANITA', 55],
  ['KEDIAMAN MEMPELAI PRIA', 5],
  ['MASJID RAYA AN-NUR', 8],
  ['MASJID AGUNG AN-NUR', 4],
  ['MASJID AL-FALAH', 6],
  ['MASJID NURUL IMAN', 6],
  ['MASJID AL-IKHLAS', 6],
  ['GEDUNG SERBAGUNA', 6],
  ['GEDUNG DAERAH', 4],
];

const ROMAN_MONTHS = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII'];

/** A spouse in a seeded marriage: a person of the population, or a former spouse who is not one. */
type SeedSpouse = { person: Person } | { name: string; birthDate: string };

interface SeedMarriage {
  husband: SeedSpouse;
  wife: SeedSpouse;
  marriedOn: string;
  /** Current district code whose KUA registered it (mapped to the office of the time when written). */
  districtCode: string;
  venue: 'KANTOR' | 'LUAR KANTOR';
  place: string | null;
  status: string;
}

/** Writes `<agencyDir>/SIMKAH_EKSPOR_NIKAH.csv` with the trailer dated on the reference date. */
export async function seedKua(context: SeedContext): Promise<void> {
  const rows = buildKuaExportRows(context);
  await writeExportAtomically(path.join(context.agencyDir, EXPORT_FILE_NAME), formatExportText(rows, exportDate(context.referenceDate)));
}

/**
 * The export's detail lines, ordered by the day of the akad (as SIMKAH exports them). Each
 * spouse in the population is asked from the planter once for their name and birth date.
 */
export function buildKuaExportRows(context: SeedContext): ExportRow[] {
  const marriages = [...coupleMarriages(context), ...singleParentMarriages(context)];
  marriages.push(...staleMarriages(context, marriages.filter((marriage) => 'person' in marriage.husband && 'person' in marriage.wife).length));
  marriages.sort(
    (a, b) =>
      compare(a.marriedOn, b.marriedOn) || compare(nikOf(a.husband), nikOf(b.husband)) || compare(nikOf(a.wife), nikOf(b.wife)),
  );
  const numbers = context.rng.fork('numbers');
  const notation = context.rng.fork('notation');
  const serials = new Map<string, number>();
  return marriages.map((marriage) => {
    const office = kuaOfficeAt(marriage.districtCode, marriage.marriedOn);
    const isNew = marriage.marriedOn >= NEW_NUMBERING_FROM;
    // Serials run per KUA and month (new numbers) or per KUA and year (the old register books).
    const serialKey = `${office.code}/${isNew ? marriage.marriedOn.slice(0, 7) : marriage.marriedOn.slice(0, 4)}`;
    const serial = (serials.get(serialKey) ?? 0) + 1;
    serials.set(serialKey, serial);
    const migrated = marriage.marriedOn < KUA_SEED_RATES.migratedBefore && notation.chance(KUA_SEED_RATES.migratedDateNotation);
    const writeDate = (iso: string): string => (migrated ? `${iso} 00:00:00` : exportDate(iso));
    const husband = copies(context, marriage.husband);
    const wife = copies(context, marriage.wife);
    return {
      NO_AKTA: isNew ? newNumber(office.code, marriage.marriedOn, serial) : oldNumber(numbers, office.number, marriage.marriedOn, serial),
      KODE_KUA: office.code,
      NAMA_KUA: `KUA KECAMATAN ${office.name}`,
      TGL_AKAD: writeDate(marriage.marriedOn),
      TEMPAT_AKAD: marriage.venue,
      LOKASI_AKAD: marriage.venue === 'KANTOR' ? `BALAI NIKAH KUA KEC. ${office.name}` : (marriage.place ?? ''),
      NIK_SUAMI: husband.nik,
      NAMA_SUAMI: husband.name,
      TGL_LAHIR_SUAMI: writeDate(husband.birthDate),
      NIK_ISTRI: wife.nik,
      NAMA_ISTRI: wife.name,
      TGL_LAHIR_ISTRI: writeDate(wife.birthDate),
      STATUS_NIKAH: marriage.status,
    };
  });
}

/** Married Muslim couples on one family card: the head (KAWIN) and the ISTRI (or SUAMI when the wife heads). */
function coupleMarriages(context: SeedContext): SeedMarriage[] {
  const rng = context.rng.fork('couples');
  const marriages: SeedMarriage[] = [];
  for (const card of context.population.families) {
    const members = card.memberNiks.map((nik) => context.byNik.get(nik)).filter((person): person is Person => person !== undefined);
    const head = members[0];
    if (!head || head.maritalStatus !== 'KAWIN' || head.religion !== 'ISLAM') continue;
    const spouse = members.find((member) => member.familyRelation === (head.sex === 'MALE' ? 'ISTRI' : 'SUAMI'));
    if (!spouse || spouse.maritalStatus !== 'KAWIN') continue;
    if (!rng.chance(KUA_SEED_RATES.coupleRecorded)) continue;
    const [husband, wife] = head.sex === 'MALE' ? [head, spouse] : [spouse, head];
    const children = members.filter((member) => member.familyRelation === 'ANAK' && (member.motherNik === wife.nik || member.fatherNik === husband.nik));
    const marriedOn = marriageDate(rng, [husband.birthDate, wife.birthDate], eldestBirth(children), card, context.referenceDate);
    marriages.push({ husband: { person: husband }, wife: { person: wife }, marriedOn, ...venueAndOffice(rng, card.address.districtCode), status: 'TERCATAT' });
  }
  return marriages;
}

/**
 * Divorced (CERAI HIDUP) or widowed (CERAI MATI) Muslim heads with a child on the card: their
 * ended marriage, the other spouse named as the child's parent and not in the population (no NIK).
 */
function singleParentMarriages(context: SeedContext): SeedMarriage[] {
  const rng = context.rng.fork('single-parents');
  const marriages: SeedMarriage[] = [];
  for (const card of context.population.families) {
    const members = card.memberNiks.map((nik) => context.byNik.get(nik)).filter((person): person is Person => person !== undefined);
    const head = members[0];
    if (!head || head.religion !== 'ISLAM' || (head.maritalStatus !== 'CERAI HIDUP' && head.maritalStatus !== 'CERAI MATI')) continue;
    const children = members.filter((member) => member.familyRelation === 'ANAK');
    const eldest = children.reduce<Person | undefined>((first, child) => (first === undefined || child.birthDate < first.birthDate ? child : first), undefined);
    if (!eldest || !rng.chance(KUA_SEED_RATES.singleParentRecorded)) continue;
    // The other parent: a few years older (a husband) or younger (a wife), and at least 19 at the eldest's birth.
    const offset = rng.int(365, 365 * 6) * (head.sex === 'FEMALE' ? -1 : 1);
    const latestBirth = addYears(eldest.birthDate, -KUA_SEED_RATES.minimumAge);
    const otherBirth = minDate(addDays(head.birthDate, offset), latestBirth);
    const other = { name: head.sex === 'FEMALE' ? eldest.fatherName : eldest.motherName, birthDate: otherBirth };
    const marriedOn = marriageDate(rng, [head.birthDate, otherBirth], eldest.birthDate, card, context.referenceDate);
    const status = head.maritalStatus === 'CERAI HIDUP' ? pickWeighted(rng, KUA_SEED_RATES.divorceKind) : 'TERCATAT';
    const [husband, wife]: [SeedSpouse, SeedSpouse] = head.sex === 'MALE' ? [{ person: head }, other] : [other, { person: head }];
    marriages.push({ husband, wife, marriedOn, ...venueAndOffice(rng, card.address.districtCode), status });
  }
  return marriages;
}

/**
 * The "stale marital status" case (DOMAIN.md): couples married at KUA in the last months whose
 * family cards still show them BELUM KAWIN, each on their own card. Both stay in the population
 * as they were; only KUA knows they married.
 */
function staleMarriages(context: SeedContext, recordedCouples: number): SeedMarriage[] {
  const rng = context.rng.fork('stale');
  const wanted = Math.round(recordedCouples * KUA_SEED_RATES.staleCouples);
  if (wanted === 0) return [];
  const unmarried = context.population.people.filter((person) => person.religion === 'ISLAM' && person.maritalStatus === 'BELUM KAWIN');
  const inAgeRange = (person: Person, min: number, max: number): boolean => {
    const age = ageOn(person.birthDate, context.referenceDate);
    return age >= min && age <= max;
  };
  const women = shuffled(rng, unmarried.filter((person) => person.sex === 'FEMALE' && inAgeRange(person, 20, 32)));
  const men = shuffled(rng, unmarried.filter((person) => person.sex === 'MALE' && inAgeRange(person, 21, 35)));
  const taken = new Set<string>();
  const marriages: SeedMarriage[] = [];
  for (const wife of women) {
    if (marriages.length === wanted) break;
    const husband = men.find((man) => !taken.has(man.nik) && man.familyCardNumber !== wife.familyCardNumber);
    if (!husband) break;
    taken.add(husband.nik);
    const [minDays, maxDays] = KUA_SEED_RATES.staleDaysBack;
    const marriedOn = addDays(context.referenceDate, -rng.int(minDays, maxDays));
    // Registered at the KUA of the bride's district, as is customary.
    marriages.push({ husband: { person: husband }, wife: { person: wife }, marriedOn, ...venueAndOffice(rng, wife.address.districtCode), status: 'TERCATAT' });
  }
  return marriages;
}

/**
 * After both 19th birthdays; before the eldest child (by 300-1100 days when the birthdays
 * allow), otherwise within ten years of the later 19th birthday; always before the family
 * card was issued (it shows them married) and before the reference date.
 */
function marriageDate(rng: Rng, birthDates: readonly [string, string], eldestChild: string | undefined, card: FamilyCard, referenceDate: string): string {
  const earliest = toDayNumber(maxDate(addYears(birthDates[0], KUA_SEED_RATES.minimumAge), addYears(birthDates[1], KUA_SEED_RATES.minimumAge)));
  let latest = Math.min(toDayNumber(card.issuedOn), toDayNumber(referenceDate)) - 1;
  let day: number;
  if (eldestChild !== undefined) {
    latest = Math.min(latest, toDayNumber(eldestChild));
    const [minGap, maxGap] = KUA_SEED_RATES.firstChildAfterDays;
    day = toDayNumber(eldestChild) - rng.int(minGap, maxGap);
  } else {
    // Spread over the window rather than clamping to its end: no pile-up just before the card's issue date.
    const [minAfter, maxAfter] = KUA_SEED_RATES.childlessMarriedAfterDays;
    day = earliest + minAfter + Math.floor(rng.next() * Math.max(0, Math.min(maxAfter - minAfter, latest - earliest - minAfter)));
  }
  return fromDayNumber(Math.max(earliest, Math.min(day, latest)));
}

function venueAndOffice(rng: Rng, ownDistrict: string): Pick<SeedMarriage, 'districtCode' | 'venue' | 'place'> {
  const districtCode = rng.chance(KUA_SEED_RATES.kuaOfOwnDistrict) ? ownDistrict : rng.pick(PEKANBARU_DISTRICT_PLACES).code;
  const venue = pickWeighted(rng, KUA_SEED_RATES.venue);
  return { districtCode, venue, place: venue === 'LUAR KANTOR' ? pickWeighted(rng, OUTSIDE_PLACES) : null };
}

/**
 * The KUA office as it was named on the day of the marriage. Before 2021 districts 13-15 were
 * part of 08, 10 and 12, and 06, 08 and 12 had their former names (Rumbai, Tampan, Rumbai
 * Pesisir): SIMKAH keeps the name of the time. The code is the district code of the time plus
 * the office digit 1 (assumed; Kemenag's own KUA codes are not public), `number` its two digits.
 */
export function kuaOfficeAt(districtCode: string, marriedOn: string): { code: string; name: string; number: string } {
  let code = districtCode;
  const beforeSplit = marriedOn < DISTRICT_SPLIT_DATE;
  if (beforeSplit) code = PEKANBARU_DISTRICT_PLACES.find((place) => place.code === code)?.splitFrom ?? code;
  const district = PEKANBARU_DISTRICTS.find((candidate) => candidate.code === code);
  if (!district) throw new Error(`not a Pekanbaru district: ${code}`);
  const name = beforeSplit && district.formerNames.length > 0 ? district.formerNames[0]! : district.name;
  return { code: `${code}1`, name, number: code.slice(4) };
}

/** Since October 2022: KUA code (7) + month (2) + year (4) + monthly serial (3). */
function newNumber(kuaCode: string, marriedOn: string, serial: number): string {
  return `${kuaCode}${marriedOn.slice(5, 7)}${marriedOn.slice(0, 4)}${String(serial).padStart(3, '0')}`;
}

/** Before: the register number of the year, the KUA, the roman month, the year, in each KUA's own style. */
function oldNumber(rng: Rng, kuaNumber: string, marriedOn: string, serial: number): string {
  const year = marriedOn.slice(0, 4);
  const month = ROMAN_MONTHS[Number(marriedOn.slice(5, 7)) - 1]!;
  const style = pickWeighted(rng, KUA_SEED_RATES.oldNumberNotation);
  if (style === '0123/08/IV/2015') return `${String(serial).padStart(4, '0')}/${kuaNumber}/${month}/${year}`;
  if (style === '123/08/IV/2015') return `${serial}/${kuaNumber}/${month}/${year}`;
  return `Kk.04.2.${kuaNumber}/PW.01/${String(serial).padStart(4, '0')}/${year}`;
}

/** A spouse's columns: the planter's copies for a person of the population, as held otherwise. */
function copies(context: SeedContext, spouse: SeedSpouse): { nik: string; name: string; birthDate: string } {
  if ('person' in spouse) {
    return { nik: spouse.person.nik, name: context.planter.copyFullName(spouse.person), birthDate: context.planter.copyBirthDate(spouse.person) };
  }
  return { nik: '', name: spouse.name, birthDate: spouse.birthDate };
}

function eldestBirth(children: readonly Person[]): string | undefined {
  return children.reduce<string | undefined>((first, child) => (first === undefined || child.birthDate < first ? child.birthDate : first), undefined);
}

function nikOf(spouse: SeedSpouse): string {
  return 'person' in spouse ? spouse.person.nik : '';
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function maxDate(a: string, b: string): string {
  return a > b ? a : b;
}

function minDate(a: string, b: string): string {
  return a < b ? a : b;
}
