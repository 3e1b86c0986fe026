import type { MaritalStatus, Person, Religion, Sex } from './person';
import { pickWeighted } from './rng';
import type { Rng } from './seed-context';

/**
 * Civil-registry labels (SIAK PDDK_AKH, JENIS_PKRJN, GOL_DARAH) and how the generator picks
 * them. Shares are rough figures for an Indonesian provincial capital, not census tables.
 */

export const EDUCATION = {
  NONE: 'TIDAK/BELUM SEKOLAH',
  PRIMARY_UNFINISHED: 'BELUM TAMAT SD/SEDERAJAT',
  PRIMARY: 'TAMAT SD/SEDERAJAT',
  JUNIOR: 'SLTP/SEDERAJAT',
  SENIOR: 'SLTA/SEDERAJAT',
  DIPLOMA_1_2: 'DIPLOMA I/II',
  DIPLOMA_3: 'AKADEMI/DIPLOMA III/S. MUDA',
  BACHELOR: 'DIPLOMA IV/STRATA I',
  MASTER: 'STRATA II',
  DOCTORATE: 'STRATA III',
} as const;

/** Education labels at or above a bachelor's degree (who may carry S.E., IR., DRS., ...). */
export const DEGREE_EDUCATION: ReadonlySet<string> = new Set([EDUCATION.BACHELOR, EDUCATION.MASTER, EDUCATION.DOCTORATE]);

export const OCCUPATION = {
  NONE: 'BELUM/TIDAK BEKERJA',
  HOUSEHOLD: 'MENGURUS RUMAH TANGGA',
  STUDENT: 'PELAJAR/MAHASISWA',
  RETIRED: 'PENSIUNAN',
  CIVIL_SERVANT: 'PEGAWAI NEGERI SIPIL (PNS)',
  ARMY: 'TENTARA NASIONAL INDONESIA (TNI)',
  POLICE: 'KEPOLISIAN RI (POLRI)',
  TRADER: 'PERDAGANGAN',
  FARMER: 'PETANI/PEKEBUN',
  FISHER: 'NELAYAN/PERIKANAN',
  PRIVATE_EMPLOYEE: 'KARYAWAN SWASTA',
  SOE_EMPLOYEE: 'KARYAWAN BUMN',
  HONORARY: 'KARYAWAN HONORER',
  DAY_LABOURER: 'BURUH HARIAN LEPAS',
  ENTREPRENEUR: 'WIRASWASTA',
  TEACHER: 'GURU',
  LECTURER: 'DOSEN',
  DOCTOR: 'DOKTER',
  MIDWIFE: 'BIDAN',
  NURSE: 'PERAWAT',
  DRIVER: 'SOPIR',
  MASON: 'TUKANG BATU',
  MECHANIC: 'MEKANIK',
} as const;

type Weighted = readonly (readonly [string, number])[];

export function educationFor(rng: Rng, age: number, birthYear: number): string {
  if (age <= 6) return EDUCATION.NONE;
  if (age <= 12) return EDUCATION.PRIMARY_UNFINISHED;
  if (age <= 15) return EDUCATION.PRIMARY;
  if (age <= 18) return EDUCATION.JUNIOR;
  if (age <= 21) return rng.chance(0.9) ? EDUCATION.SENIOR : EDUCATION.JUNIOR;
  const table: Weighted =
    birthYear < 1960
      ? [[EDUCATION.NONE, 3], [EDUCATION.PRIMARY, 30], [EDUCATION.JUNIOR, 20], [EDUCATION.SENIOR, 30], [EDUCATION.DIPLOMA_3, 5], [EDUCATION.BACHELOR, 10], [EDUCATION.MASTER, 2]]
      : birthYear < 1980
        ? [[EDUCATION.PRIMARY, 12], [EDUCATION.JUNIOR, 15], [EDUCATION.SENIOR, 42], [EDUCATION.DIPLOMA_1_2, 2], [EDUCATION.DIPLOMA_3, 8], [EDUCATION.BACHELOR, 18], [EDUCATION.MASTER, 2.6], [EDUCATION.DOCTORATE, 0.4]]
        : [[EDUCATION.PRIMARY, 4], [EDUCATION.JUNIOR, 10], [EDUCATION.SENIOR, 44], [EDUCATION.DIPLOMA_1_2, 2], [EDUCATION.DIPLOMA_3, 10], [EDUCATION.BACHELOR, 26], [EDUCATION.MASTER, age >= 25 ? 3.5 : 0], [EDUCATION.DOCTORATE, age >= 30 ? 0.5 : 0]];
  return pickWeighted(rng, table);
}

const LOW: Weighted = [
  [OCCUPATION.ENTREPRENEUR, 25], [OCCUPATION.DAY_LABOURER, 20], [OCCUPATION.TRADER, 15], [OCCUPATION.PRIVATE_EMPLOYEE, 15],
  [OCCUPATION.FARMER, 6], [OCCUPATION.DRIVER, 8], [OCCUPATION.MASON, 5], [OCCUPATION.FISHER, 1], [OCCUPATION.MECHANIC, 5],
];
const MIDDLE: Weighted = [
  [OCCUPATION.PRIVATE_EMPLOYEE, 35], [OCCUPATION.ENTREPRENEUR, 25], [OCCUPATION.TRADER, 10], [OCCUPATION.DAY_LABOURER, 6],
  [OCCUPATION.DRIVER, 4], [OCCUPATION.ARMY, 2], [OCCUPATION.POLICE, 2], [OCCUPATION.HONORARY, 6], [OCCUPATION.SOE_EMPLOYEE, 3],
  [OCCUPATION.MECHANIC, 3],
];
const HIGH: Weighted = [
  [OCCUPATION.PRIVATE_EMPLOYEE, 32], [OCCUPATION.CIVIL_SERVANT, 20], [OCCUPATION.ENTREPRENEUR, 14], [OCCUPATION.TEACHER, 10],
  [OCCUPATION.SOE_EMPLOYEE, 6], [OCCUPATION.NURSE, 5], [OCCUPATION.MIDWIFE, 3], [OCCUPATION.HONORARY, 5], [OCCUPATION.POLICE, 1],
  [OCCUPATION.ARMY, 1],
];
const MALE_ONLY: ReadonlySet<string> = new Set([OCCUPATION.DRIVER, OCCUPATION.MASON, OCCUPATION.MECHANIC, OCCUPATION.FISHER]);
const FEMALE_ONLY: ReadonlySet<string> = new Set([OCCUPATION.MIDWIFE]);

export function occupationFor(rng: Rng, age: number, sex: Sex, education: string, maritalStatus: MaritalStatus): string {
  if (age < 7) return OCCUPATION.NONE; // school starts at 7
  if (age <= 18) return OCCUPATION.STUDENT;
  if (age <= 23 && maritalStatus === 'BELUM KAWIN' && rng.chance(0.6)) return OCCUPATION.STUDENT;
  const degree = DEGREE_EDUCATION.has(education) || education === EDUCATION.DIPLOMA_3;
  if (age >= 60) {
    if (degree || education === EDUCATION.SENIOR) {
      if (rng.chance(0.55)) return OCCUPATION.RETIRED;
    }
    if (sex === 'FEMALE' && rng.chance(0.6)) return OCCUPATION.HOUSEHOLD;
    return rng.chance(0.5) ? OCCUPATION.ENTREPRENEUR : OCCUPATION.NONE;
  }
  if (sex === 'FEMALE' && maritalStatus !== 'BELUM KAWIN' && rng.chance(degree ? 0.25 : 0.5)) return OCCUPATION.HOUSEHOLD;
  if (rng.chance(0.03)) return OCCUPATION.NONE;
  let table: Weighted = degree ? HIGH : education === EDUCATION.SENIOR || education === EDUCATION.DIPLOMA_1_2 ? MIDDLE : LOW;
  if (DEGREE_EDUCATION.has(education)) table = [...table, [OCCUPATION.DOCTOR, 1.5]];
  if (education === EDUCATION.MASTER || education === EDUCATION.DOCTORATE) table = [...table, [OCCUPATION.LECTURER, 4]];
  const forSex = table.filter(([label]) => (sex === 'MALE' ? !FEMALE_ONLY.has(label) : !MALE_ONLY.has(label)));
  return pickWeighted(rng, forSex);
}

export function bloodTypeFor(rng: Rng): Person['bloodType'] {
  return pickWeighted<Person['bloodType']>(rng, [['TIDAK TAHU', 35], ['O', 25], ['B', 18], ['A', 17], ['AB', 5]]);
}

export function ektpStatusFor(rng: Rng, age: number, maritalStatus: MaritalStatus): Person['ektpStatus'] {
  // KTP-el is issued at 17, or earlier on marriage.
  if (age < 17 && maritalStatus === 'BELUM KAWIN') return null;
  return rng.chance(0.96) ? 'SUDAH REKAM' : 'BELUM REKAM';
}

export const RELIGIONS: readonly Religion[] = ['ISLAM', 'KRISTEN', 'KATHOLIK', 'HINDU', 'BUDHA', 'KHONGHUCU', 'KEPERCAYAAN'];
