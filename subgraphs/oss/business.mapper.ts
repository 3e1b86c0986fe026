import { LegacyError } from '../kit/errors';
import { isCalendarDate, isValidNik, maskNik } from '../kit/nik';
import {
  BUSINESS_RISK_LEVELS,
  type BusinessActivityRecord,
  type BusinessLicenceRecord,
  type BusinessRecord,
  type BusinessRiskLevelName,
  type CitizenReference,
} from './business.records';
import { JENIS_BADAN_USAHA, JENIS_IZIN, SKALA_USAHA, STATUS_IZIN, TINGKAT_RISIKO } from './oss-rba.wire';
import { NO_REGION, regionOfId } from './region-id.mapper';

export const AGENCY = 'oss';

/** Where the mapper reports a legacy value it had to drop (pino's `warn`, or a test spy). */
/**
 * `record` is the record's position in `daftar_nib`: the NIB itself is not logged (for a sole
 * trader it identifies a person), and neither is a value that may be an identifier.
 */
export type MappingWarn = (details: { nik: string; record: number; field: string; value?: unknown }, message: string) => void;

const NIB_PATTERN = /^[0-9]{13}$/;
const KBLI_PATTERN = /^[0-9]{5}$/;
/** ISO date, optionally with OSS-RBA's local (Jakarta) time of day; no zone, so the date part is the date. */
const ISO_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[ T]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?)?$/;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A code-list look-up that ignores inherited keys ("constructor" is not a code). */
function lookUp<V>(list: Record<string, V>, code: string): V | undefined {
  return Object.hasOwn(list, code) ? list[code] : undefined;
}

/** Upper case, "_" and "-" as spaces, one space between words: "menengah_rendah" -> "MENENGAH RENDAH". */
function normalizedCode(value: string): string {
  return value.trim().toUpperCase().replace(/[_-]+/g, ' ').replace(/\s+/g, ' ');
}

/**
 * ESB quirk (OSS's XML-to-JSON bus): a one-element list arrives as the element itself and
 * an empty list as null or "". Returns the list, or undefined for anything else.
 */
export function asList(value: unknown): unknown[] | undefined {
  if (Array.isArray(value)) return value;
  if (isObject(value)) return [value];
  if (value === null || value === undefined || value === '') return [];
  return undefined;
}

/** "yyyy-mm-dd" or "yyyy-mm-dd HH:mm[:ss]" -> the ISO date; undefined when not a real date in that notation. */
export function isoDateOf(value: string): string | undefined {
  const match = ISO_DATE_TIME.exec(value.trim());
  if (!match || !isCalendarDate(Number(match[1]), Number(match[2]), Number(match[3]))) return undefined;
  return `${match[1]}-${match[2]}-${match[3]}`;
}

/**
 * The `data` of a NIB-by-owner answer -> one record per business, as seen from `requestedNik`.
 * Only a broken shape rejects the whole answer (no list, a count that disagrees, a record that
 * is not an object, a record in which the requested NIK is not a responsible person: never show
 * one person's business as another's). A single value outside its code list, an impossible date
 * or a malformed number becomes null with a warning.
 */
export function toBusinesses(data: unknown, requestedNik: string, warn: MappingWarn): BusinessRecord[] {
  const masked = maskNik(requestedNik);
  const broken = (why: string): LegacyError => new LegacyError('AGENCY_BAD_RESPONSE', AGENCY, `OSS-RBA answer for ${masked}: ${why}`);
  if (!isObject(data)) throw broken('"data" is not an object');
  if (data.nik !== requestedNik) throw broken('"data.nik" is not the NIK asked for');
  const records = asList(data.daftar_nib);
  if (records === undefined) throw broken('"data.daftar_nib" is not a list');
  const count = typeof data.jumlah_nib === 'string' ? Number(data.jumlah_nib) : data.jumlah_nib;
  if (count !== records.length) throw broken(`"jumlah_nib" says ${String(data.jumlah_nib)} but ${records.length} records came (cut answer?)`);
  return records.map((record, index) => {
    if (!isObject(record)) throw broken(`daftar_nib[${index}] is not an object`);
    return toBusiness(record, index, requestedNik, warn, broken);
  });
}

function toBusiness(
  record: Record<string, unknown>,
  position: number,
  requestedNik: string,
  warn: MappingWarn,
  broken: (why: string) => LegacyError,
): BusinessRecord {
  const masked = maskNik(requestedNik);
  const rawNib = typeof record.nib === 'string' ? record.nib.trim() : record.nib;
  const drop = (field: string, value: unknown, why: string): null => {
    warn({ nik: masked, record: position, field, value }, `OSS-RBA ${field} ${why}; exposed as null`);
    return null;
  };
  /** A code-list field: blank is unknown (null, no warning), anything outside the list null with a warning. */
  const coded = <V>(field: string, value: unknown, list: Record<string, V>, strip?: RegExp): V | null => {
    if (value === null || value === undefined || (typeof value === 'string' && value.trim() === '')) return null;
    if (typeof value !== 'string') return drop(field, value, 'is not a code');
    let code = normalizedCode(value);
    if (strip) code = code.replace(strip, '');
    return lookUp(list, code) ?? drop(field, value, 'is outside its code list');
  };
  const date = (field: string, value: unknown): string | null => {
    if (value === null || value === undefined || (typeof value === 'string' && value.trim() === '')) return null;
    if (typeof value !== 'string') return drop(field, value, 'is not a date string');
    return isoDateOf(value) ?? drop(field, value, 'is not a real date yyyy-mm-dd');
  };
  const text = (value: unknown): string | null => (typeof value === 'string' && value.trim() !== '' ? value.trim() : null);
  const list = (field: string, value: unknown): unknown[] => asList(value) ?? (drop(field, value, 'is not a list') ?? []);

  // Responsible persons: the requested NIK must be one of them.
  const persons = list('penanggung_jawab', record.penanggung_jawab).filter(isObject);
  const self = persons.find((person) => person.nik === requestedNik);
  if (!self) throw broken(`daftar_nib[${position}] does not list the NIK asked for among its penanggung_jawab`);
  const coOwners: CitizenReference[] = [];
  for (const person of persons) {
    if (person === self) continue;
    if (typeof person.nik === 'string' && isValidNik(person.nik)) {
      if (person.nik !== requestedNik && !coOwners.some((known) => known.nik === person.nik)) coOwners.push({ nik: person.nik });
    } else {
      // Never log the value: it is someone's NIK, perhaps mangled.
      warn({ nik: masked, record: position, field: 'penanggung_jawab[].nik' }, 'OSS-RBA co-owner NIK is not a valid NIK; co-owner left out');
    }
  }

  const kbli = list('data_kbli', record.data_kbli).map((item): BusinessActivityRecord => {
    const entry = isObject(item) ? item : {};
    const code = typeof entry.kbli === 'string' && KBLI_PATTERN.test(entry.kbli.trim()) ? entry.kbli.trim() : drop('data_kbli[].kbli', entry.kbli, 'is not five digits');
    return { code, title: text(entry.judul_kbli), riskLevel: coded('data_kbli[].tingkat_risiko', entry.tingkat_risiko, TINGKAT_RISIKO) };
  });

  const licences = list('data_izin', record.data_izin).map((item): BusinessLicenceRecord => {
    const entry = isObject(item) ? item : {};
    const activity = entry.kbli === null || entry.kbli === undefined || entry.kbli === '' ? null : entry.kbli;
    return {
      kind: coded('data_izin[].jenis_izin', entry.jenis_izin, JENIS_IZIN),
      name: text(entry.nama_izin),
      number: text(entry.nomor_izin),
      activityCode: activity === null ? null : typeof activity === 'string' && KBLI_PATTERN.test(activity.trim()) ? activity.trim() : drop('data_izin[].kbli', activity, 'is not five digits'),
      issuedOn: date('data_izin[].tgl_terbit_izin', entry.tgl_terbit_izin),
      validUntil: date('data_izin[].tgl_berlaku_sampai', entry.tgl_berlaku_sampai),
      status: coded('data_izin[].status_izin', entry.status_izin, STATUS_IZIN),
    };
  });

  const scale = coded('skala_usaha', record.skala_usaha, SKALA_USAHA, /^USAHA /);
  const region = regionOfId(record.kd_wilayah) ?? (drop('kd_wilayah', record.kd_wilayah, 'is not a known Home Affairs region id'), NO_REGION);

  return {
    nib: typeof rawNib === 'string' && NIB_PATTERN.test(rawNib) ? rawNib : drop('nib', undefined, 'is not 13 digits'),
    name: text(record.nama_usaha),
    legalForm: coded('jenis_badan_usaha', record.jenis_badan_usaha, JENIS_BADAN_USAHA),
    scale,
    umk: scale === null ? null : scale === 'MICRO' || scale === 'SMALL',
    riskLevel: highestRisk(kbli),
    kbli,
    licences,
    issuedOn: date('tgl_terbit_nib', record.tgl_terbit_nib),
    address: text(record.alamat_usaha),
    village: text(record.kelurahan_usaha),
    ...region,
    ownerNik: requestedNik,
    // OSS's copy of the owner's name, kept as held (the crosscheck must see OSS's copy).
    ownerName: typeof self.nama === 'string' && self.nama.trim() !== '' ? self.nama : null,
    ownerRole: text(self.jabatan),
    coOwners,
  };
}

/**
 * OSS-RBA rates risk per activity (KBLI), not per business; a business is as risky as its
 * riskiest activity. When an activity's level is unreadable we cannot tell the highest: null.
 */
export function highestRisk(activities: readonly BusinessActivityRecord[]): BusinessRiskLevelName | null {
  if (activities.length === 0) return null;
  let highest = -1;
  for (const activity of activities) {
    if (activity.riskLevel === null) return null;
    highest = Math.max(highest, BUSINESS_RISK_LEVELS.indexOf(activity.riskLevel));
  }
  return BUSINESS_RISK_LEVELS[highest] ?? null;
}
