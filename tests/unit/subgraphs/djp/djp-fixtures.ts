/**
 * A hand-written DJP export, following subgraphs/djp/README.md's record layouts with plain
 * string padding (not through our own writer): 320-character records, CRLF line ends.
 */
export const ACTIVE_OLD_NPWP = '1471081203850001'; // active since 2009, 15-digit NPWP, NIK validated, filed on time
export const NIK_ONLY = '1471054507020002'; // registered 2024 with the NIK only, filed late
export const DOUBLE_NPWP = '1471026808700003'; // two records: an old NE one and the current active one
export const NON_EFFECTIVE = '1471091506750004'; // NE, an old return on record
export const NOT_A_TAXPAYER = '1471010101900009';

export interface DetailInput {
  nik: string;
  npwp15?: string;
  name: string;
  birthDate: string;
  address: string;
  kppCode: string;
  kppName: string;
  status: string;
  flag: string;
  registered: string;
  returnYear?: string;
  returnStatus?: string;
  filedOn?: string;
}

/** One detail record, column by column as the README's table says. */
export function detailLine(input: DetailInput): string {
  return [
    'D',
    input.nik.padEnd(16),
    (input.npwp15 ?? '').padEnd(15),
    input.name.padEnd(60),
    input.birthDate.padEnd(8),
    input.address.padEnd(150),
    input.kppCode.padEnd(3),
    input.kppName.padEnd(40),
    input.status.padEnd(1),
    input.flag.padEnd(1),
    input.registered.padEnd(8),
    (input.returnYear ?? '').padEnd(4),
    (input.returnStatus ?? '').padEnd(1),
    (input.filedOn ?? '').padEnd(8),
    '    ',
  ].join('');
}

export function headerLine(exportDate = '10062025', version = '02'): string {
  return `HEXPORT_WP_OP${exportDate}${version}`.padEnd(320);
}

export function trailerLine(count: number): string {
  return `T${String(count).padStart(9, '0')}`.padEnd(320);
}

export const DETAILS: Record<'activeOld' | 'nikOnly' | 'doubleOld' | 'doubleCurrent' | 'nonEffective', DetailInput> = {
  activeOld: {
    nik: ACTIVE_OLD_NPWP,
    npwp15: '092542943211000',
    name: 'H. AHMAD FAUZI, S.E.',
    birthDate: '12031985',
    address: 'JL. SUDIRMAN NO. 12, RT 003/RW 007, KEL. SIMPANG BARU, KEC. TAMPAN, PEKANBARU, RIAU 28293',
    kppCode: '211',
    kppName: 'KPP PRATAMA PEKANBARU TAMPAN',
    status: 'A',
    flag: 'Y',
    registered: '14072009',
    returnYear: '2024',
    returnStatus: 'S',
    filedOn: '21032025',
  },
  nikOnly: {
    nik: NIK_ONLY,
    name: 'Nayla Azzahra',
    birthDate: '05072002',
    address: 'JL. AHMAD YANI NO. 3, RT 001/RW 004, KEL. KAMPUNG BANDAR, KEC. SENAPELAN, PEKANBARU, RIAU 28155',
    kppCode: '216',
    kppName: 'KPP PRATAMA PEKANBARU SENAPELAN',
    status: 'A',
    flag: 'Y',
    registered: '02022024',
    returnYear: '2024',
    returnStatus: 'T',
    filedOn: '15052025',
  },
  doubleOld: {
    nik: DOUBLE_NPWP,
    npwp15: '071234565212000',
    name: 'SITI AMINAH',
    birthDate: '28081970',
    address: 'JL. TUANKU TAMBUSAI NO. 5, RT 001/RW 002, KEL. SUKA MULIA, KEC. SAIL, PEKANBARU, RIAU 28127',
    kppCode: '212',
    kppName: 'KPP PRATAMA DUMAI',
    status: 'N',
    flag: 'N',
    registered: '03031998',
  },
  doubleCurrent: {
    nik: DOUBLE_NPWP,
    npwp15: '081112227216000',
    name: 'SITI AMINAH',
    birthDate: '28081970',
    address: 'JL. TUANKU TAMBUSAI NO. 5, RT 001/RW 002, KEL. SUKA MULIA, KEC. SAIL, PEKANBARU, RIAU 28127',
    kppCode: '216',
    kppName: 'KPP PRATAMA PEKANBARU SENAPELAN',
    status: 'A',
    flag: 'Y',
    registered: '11112011',
    returnYear: '2024',
    returnStatus: 'B',
  },
  nonEffective: {
    nik: NON_EFFECTIVE,
    npwp15: '054445556211000',
    name: 'MUH. RIZKI PRATAMA',
    birthDate: '15061975',
    address: 'JL. GARUDA NO. 40, RT 002/RW 005, KEL. TANGKERANG TENGAH, KEC. MARPOYAN DAMAI, PEKANBARU, RIAU 28282',
    kppCode: '211',
    kppName: 'KPP PRATAMA PEKANBARU TAMPAN',
    status: 'N',
    flag: 'Y',
    registered: '00000000',
    returnYear: '2021',
    returnStatus: 'S',
    filedOn: '30032022',
  },
};

export const DETAIL_LINES: readonly string[] = [DETAILS.activeOld, DETAILS.nikOnly, DETAILS.doubleOld, DETAILS.doubleCurrent, DETAILS.nonEffective].map(detailLine);

/** A complete export around `lines` (the trailer counts them unless told otherwise). */
export function exportText(lines: readonly string[] = DETAIL_LINES, options: { trailerCount?: number; eol?: string; exportDate?: string } = {}): string {
  const eol = options.eol ?? '\r\n';
  return [headerLine(options.exportDate), ...lines, trailerLine(options.trailerCount ?? lines.length)].join(eol) + eol;
}

/** Bytes as the exporter writes them (ISO-8859-1). */
export function exportBytes(text: string): Buffer {
  return Buffer.from(text, 'latin1');
}
