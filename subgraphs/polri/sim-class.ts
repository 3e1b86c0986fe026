import type { DrivingLicenseClassName } from './polri.records';

export interface SimClass {
  class: DrivingLicenseClassName;
  /** "SIM umum": the licence for public or commercial transport of that class. */
  publicTransport: boolean;
}

/**
 * POLRI-SIM quirk: `gol_sim` is typed at the counter, so one class comes in many spellings:
 * B I as `B I`, `BI`, `B1`, `B 1`, `B-I`; C II as `C II`, `CII`, `C2`; public-transport
 * licences as `A UMUM`, `B I UMUM`, `BII UMUM`; sometimes with a leading `SIM`. We compare
 * without spaces, dashes and dots: letter, then an optional numeral (Roman or Arabic), then
 * an optional `UMUM`.
 */
const COMPACT = /^(?:SIM)?([ABCD])(II|I|2|1)?(UMUM)?$/;

/** The classes that exist with a numeral, and the classes that have an UMUM variant. */
const WITH_NUMERAL: Record<string, Partial<Record<'I' | 'II', DrivingLicenseClassName>>> = {
  B: { I: 'B_I', II: 'B_II' },
  C: { I: 'C_I', II: 'C_II' },
};
const WITHOUT_NUMERAL: Record<string, DrivingLicenseClassName> = { A: 'A', C: 'C', D: 'D' };
const HAS_UMUM = new Set<DrivingLicenseClassName>(['A', 'B_I', 'B_II']);

/**
 * Reads a legacy `gol_sim`; undefined for anything outside the class list (a plain `B`,
 * `A I`, `C UMUM`, `D I`, `E`, ...), which the mapper turns into null with a warning.
 * `A UMUM` / `B I UMUM` / `B II UMUM` are the base class with `publicTransport: true`.
 */
export function parseSimClass(value: unknown): SimClass | undefined {
  if (typeof value !== 'string') return undefined;
  const compact = value.toUpperCase().replace(/[\s.\-_]/g, '');
  const match = COMPACT.exec(compact);
  if (!match) return undefined;
  // Optional groups are undefined at run time when absent.
  const letter = match[1] as string;
  const numeral = match[2] as string | undefined;
  const umum = match[3] as string | undefined;
  const roman = numeral === undefined ? undefined : numeral === '1' || numeral === 'I' ? 'I' : 'II';
  const found = roman === undefined ? WITHOUT_NUMERAL[letter] : WITH_NUMERAL[letter]?.[roman];
  if (found === undefined) return undefined;
  const publicTransport = umum !== undefined;
  if (publicTransport && !HAS_UMUM.has(found)) return undefined;
  return { class: found, publicTransport };
}
