import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Person, Population } from '../../population/person';
import type { SeedContext } from '../../population/seed-context';
import { SIAK_SEX_LABELS, toSiakDate, type SiakRow } from '../siak.wire';
import { SIAK_STORE_FILE } from './siak.store';

/**
 * Writes the civil registry's store: every resident, with the canonical values (the
 * registry IS the truth, so nothing is planted and no random choice is made). Rows go
 * family card by family card in card order (head first), which is the order CALL_KK
 * answers in; residents on no card, if any, follow in population order.
 */
export async function seedSiak(context: SeedContext): Promise<void> {
  await writeFile(path.join(context.agencyDir, SIAK_STORE_FILE), siakStoreText(context.population));
}

/** The whole file as text: one row per line (diff-friendly), same input -> same bytes. */
export function siakStoreText(population: Population): string {
  const byNik = new Map(population.people.map((person) => [person.nik, person]));
  const villageCodes = villageCodesOf(population.people);
  const ordered: Person[] = [];
  const written = new Set<string>();
  const add = (person: Person | undefined): void => {
    if (person === undefined || written.has(person.nik)) return;
    written.add(person.nik);
    ordered.push(person);
  };
  for (const family of population.families) for (const nik of family.memberNiks) add(byNik.get(nik));
  for (const person of population.people) add(person);
  const lines = ordered.map((person) => JSON.stringify(toSiakRow(person, villageCodes)));
  return `[\n${lines.join(',\n')}\n]\n`;
}

/** One resident in SIAK's notation; key order is the web service's. */
export function toSiakRow(person: Person, villageCodes: ReadonlyMap<string, string>): SiakRow {
  const address = person.address;
  const districtCode = address.districtCode;
  return {
    NIK: person.nik,
    NO_KK: person.familyCardNumber,
    NAMA_LGKP: person.fullName,
    TMPT_LHR: person.birthPlace,
    TGL_LHR: toSiakDate(person.birthDate),
    JENIS_KLMIN: SIAK_SEX_LABELS[person.sex],
    GOL_DARAH: person.bloodType,
    AGAMA: person.religion,
    STATUS_KAWIN: person.maritalStatus,
    STAT_HBKEL: person.familyRelation,
    PDDK_AKH: person.education,
    JENIS_PKRJN: person.occupation,
    NAMA_LGKP_IBU: person.motherName,
    NIK_IBU: person.motherNik ?? '',
    NAMA_LGKP_AYAH: person.fatherName,
    NIK_AYAH: person.fatherNik ?? '',
    ALAMAT: address.street,
    // SIAK keeps RT/RW and region numbers as integers: no leading zeros on the wire.
    NO_RT: unpadded(address.rt),
    NO_RW: unpadded(address.rw),
    NO_PROP: unpadded(districtCode.slice(0, 2)),
    PROP_NAME: address.province,
    NO_KAB: unpadded(districtCode.slice(2, 4)),
    KAB_NAME: address.regency,
    NO_KEC: unpadded(districtCode.slice(4, 6)),
    KEC_NAME: address.district,
    NO_KEL: villageCodes.get(villageKey(address.districtCode, address.village)) ?? '',
    KEL_NAME: address.village,
    KODE_POS: address.postalCode,
    EKTP_STATUS: person.ektpStatus ?? '',
  };
}

/**
 * Village (kelurahan) numbers: the population carries names only, so each district's
 * villages are numbered 1001, 1002, ... in alphabetical order (the Home Affairs pattern
 * for urban wards). Only the simulator's rows carry them; the adapter does not read NO_KEL.
 */
export function villageCodesOf(people: readonly Person[]): Map<string, string> {
  const byDistrict = new Map<string, Set<string>>();
  for (const person of people) {
    const villages = byDistrict.get(person.address.districtCode) ?? new Set<string>();
    villages.add(person.address.village);
    byDistrict.set(person.address.districtCode, villages);
  }
  const codes = new Map<string, string>();
  for (const [district, villages] of byDistrict) {
    [...villages].sort().forEach((village, index) => codes.set(villageKey(district, village), String(1001 + index)));
  }
  return codes;
}

function villageKey(districtCode: string, village: string): string {
  return `${districtCode}/${village}`;
}

function unpadded(digits: string): string {
  return /^[0-9]+$/.test(digits) ? String(Number(digits)) : digits;
}
