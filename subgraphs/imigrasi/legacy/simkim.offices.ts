/**
 * The immigration offices SIMKIM knows in Riau (the `KANTOR_PENERBIT` of passports, the
 * `kantorImigrasi` of applications). SIMKIM keeps office names, not codes, in both places.
 */
export const SIMKIM_MAIN_OFFICE = 'KANTOR IMIGRASI KELAS I TPI PEKANBARU';
/** The passport counter at the mall; the home office of the mall's SIMKIM account. */
export const SIMKIM_MPP_OFFICE = 'UNIT LAYANAN PASPOR MPP PEKANBARU';

export const SIMKIM_OFFICES: readonly string[] = [
  SIMKIM_MAIN_OFFICE,
  SIMKIM_MPP_OFFICE,
  'KANTOR IMIGRASI KELAS II TPI DUMAI',
  'KANTOR IMIGRASI KELAS II TPI BAGAN SIAPIAPI',
  'KANTOR IMIGRASI KELAS II TPI TEMBILAHAN',
  'KANTOR IMIGRASI KELAS II TPI SELATPANJANG',
];
