import type { IdentityAttributeName } from '../crosscheck';

/**
 * The columns an agency's reconciliation file may carry (README.md, "Input"): `nik` and any of
 * its copies of the identity attributes. Header names are read case-insensitively, with `-`,
 * spaces and camelCase read as `_`, and SIAK's own field names accepted as aliases, because
 * agencies export whatever their system calls the field.
 */
export interface InputColumn {
  /** The canonical header name, as documented and as written in reports. */
  name: string;
  attribute: IdentityAttributeName;
  /** The registry's Citizen field holding the reference value (a selection for `citizens(niks:)`). */
  registrySelection: string;
}

export const ATTRIBUTE_COLUMNS: readonly InputColumn[] = [
  { name: 'full_name', attribute: 'FULL_NAME', registrySelection: 'fullName' },
  { name: 'birth_date', attribute: 'BIRTH_DATE', registrySelection: 'birthDate' },
  { name: 'birth_place', attribute: 'BIRTH_PLACE', registrySelection: 'birthPlace' },
  { name: 'sex', attribute: 'SEX', registrySelection: 'sex' },
  { name: 'mother_name', attribute: 'MOTHER_NAME', registrySelection: 'motherName' },
  { name: 'marital_status', attribute: 'MARITAL_STATUS', registrySelection: 'maritalStatus' },
  { name: 'address', attribute: 'ADDRESS', registrySelection: 'address { street rt rw village district regency }' },
];

export const NIK_COLUMN = 'nik';

/** Other spellings of the canonical names, after normalization (SIAK field names, common English ones). */
const ALIASES: Readonly<Record<string, string>> = {
  nik: 'nik',
  nama: 'full_name',
  nama_lgkp: 'full_name',
  nama_lengkap: 'full_name',
  name: 'full_name',
  tgl_lhr: 'birth_date',
  tanggal_lahir: 'birth_date',
  date_of_birth: 'birth_date',
  tmpt_lhr: 'birth_place',
  tempat_lahir: 'birth_place',
  place_of_birth: 'birth_place',
  jenis_klmin: 'sex',
  jenis_kelamin: 'sex',
  gender: 'sex',
  nama_lgkp_ibu: 'mother_name',
  nama_ibu: 'mother_name',
  ibu_kandung: 'mother_name',
  status_kawin: 'marital_status',
  status_perkawinan: 'marital_status',
  alamat: 'address',
};

/** `Full Name`, `full-name`, `fullName`, `FULL_NAME` -> `full_name`. */
export function normalizeHeaderName(raw: string): string {
  return raw
    .replace(/^\uFEFF/, '')
    .trim()
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
}

export function canonicalColumnName(raw: string): string | undefined {
  const normalized = normalizeHeaderName(raw);
  if (normalized === NIK_COLUMN) return NIK_COLUMN;
  if (ATTRIBUTE_COLUMNS.some((column) => column.name === normalized)) return normalized;
  return ALIASES[normalized];
}

/** Where each wanted column sits in a record. */
export interface InputLayout {
  /** Number of fields a record must have (the header's). */
  width: number;
  nikIndex: number;
  /** The attribute columns present, with their index, in ATTRIBUTE_COLUMNS order. */
  columns: ReadonlyArray<InputColumn & { index: number }>;
}

export class InputHeaderError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InputHeaderError';
  }
}

/** Reads the header record; throws InputHeaderError naming the problem (unknown, duplicate or missing column). */
export function layoutOf(header: readonly string[]): InputLayout {
  const accepted = `accepted columns: ${[NIK_COLUMN, ...ATTRIBUTE_COLUMNS.map((column) => column.name)].join(', ')}`;
  const seen = new Map<string, number>();
  header.forEach((raw, index) => {
    const name = canonicalColumnName(raw);
    if (name === undefined) {
      throw new InputHeaderError(`unknown column ${JSON.stringify(raw)} (column ${index + 1} of the header); ${accepted}`);
    }
    if (seen.has(name)) {
      throw new InputHeaderError(`column ${JSON.stringify(raw)} (column ${index + 1}) repeats ${name} (column ${seen.get(name)! + 1})`);
    }
    seen.set(name, index);
  });
  const nikIndex = seen.get(NIK_COLUMN);
  if (nikIndex === undefined) throw new InputHeaderError(`the header has no ${NIK_COLUMN} column; ${accepted}`);
  const columns = ATTRIBUTE_COLUMNS.filter((column) => seen.has(column.name)).map((column) => ({ ...column, index: seen.get(column.name)! }));
  if (columns.length === 0) throw new InputHeaderError(`the header has only ${NIK_COLUMN}: nothing to compare; ${accepted}`);
  return { width: header.length, nikIndex, columns };
}
