import { formatOracleDate, splitOracleDate } from '../oracle-date';
import { SIMKIM_OFFICES, SIMKIM_MPP_OFFICE } from './simkim.offices';
import {
  SIMKIM_APPLICATION_TYPES,
  SIMKIM_FAULT_CODES,
  SIMKIM_OPEN_APPLICATION_STATUSES,
  type AjukanPermohonanArgs,
  type PermohonanDto,
} from './simkim.wire';

/**
 * The simulator's table of passport applications (`SIMKIM.T_PERMOHONAN`). Unlike T_PASPOR it
 * is not read from the data directory: it starts empty and lives in memory, so a restarted
 * simulator has forgotten every application (README.md, "Passport applications").
 */

/** A business refusal; the simulator turns it into a SOAP Fault whose faultstring starts with `code`. */
export class SimkimRefusal extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'SimkimRefusal';
  }
}

/** What T_PERMOHONAN holds for one application. '' = NULL. */
interface PermohonanRow {
  nomorPermohonan: string;
  nik: string;
  jenisPaspor: string;
  kantorImigrasi: string;
  statusPermohonan: string;
  /** `DD-MON-RR` (AMERICAN), as the DAO hands DATE columns out. */
  tanggalPermohonan: string;
  sumberIdentitas: 'DUKCAPIL' | 'PEMOHON';
  /** The data page as the applicant declared it (all '' when SIMKIM read it from Dukcapil). */
  namaLengkap: string;
  tanggalLahir: string;
  tempatLahir: string;
  jenisKelamin: string;
}

const NIK_FORMAT = /^\d{16}$/;

/** Office names compare as SIMKIM's LOV does: case and runs of spaces do not matter. */
function officeKey(name: string): string {
  return name.trim().replace(/\s+/g, ' ').toUpperCase();
}

export class PermohonanStore {
  private readonly rows: PermohonanRow[] = [];
  private readonly offices = new Map(SIMKIM_OFFICES.map((office) => [officeKey(office), office]));
  private sequence = 0;

  /** @param today today as ISO yyyy-mm-dd in WIB (SIMKIM's application server clock) */
  constructor(private readonly today: () => string) {}

  /** Validates and stores one application, or throws a SimkimRefusal (the order of the checks is SIMKIM's). */
  submit(args: AjukanPermohonanArgs): PermohonanDto {
    if (!NIK_FORMAT.test(args.nik)) throw new SimkimRefusal(SIMKIM_FAULT_CODES.INVALID_NIK, 'NIK tidak valid: harus 16 digit');
    const jenisPaspor = args.jenisPaspor.trim().toUpperCase();
    if (!SIMKIM_APPLICATION_TYPES.has(jenisPaspor)) {
      throw new SimkimRefusal(
        SIMKIM_FAULT_CODES.APPLICATION_TYPE,
        `jenisPaspor "${jenisPaspor.slice(0, 8)}" tidak dapat diajukan melalui layanan ini (hanya PB atau PE)`,
      );
    }
    const declared = declaredIdentity(args);
    // No office: the home office of the calling account (the mall's counter).
    const kantorImigrasi =
      args.kantorImigrasi === undefined || args.kantorImigrasi.trim() === '' ? SIMKIM_MPP_OFFICE : this.offices.get(officeKey(args.kantorImigrasi));
    if (kantorImigrasi === undefined) {
      throw new SimkimRefusal(SIMKIM_FAULT_CODES.UNKNOWN_OFFICE, 'Kantor imigrasi tidak dikenal');
    }
    const open = this.rows.find(
      (row) => row.nik === args.nik && row.jenisPaspor === jenisPaspor && SIMKIM_OPEN_APPLICATION_STATUSES.has(row.statusPermohonan),
    );
    if (open) {
      throw new SimkimRefusal(
        SIMKIM_FAULT_CODES.APPLICATION_OPEN,
        `Masih ada permohonan paspor ${jenisPaspor} yang belum selesai untuk NIK ini: ${open.nomorPermohonan}`,
      );
    }

    const today = this.today();
    this.sequence += 1;
    const row: PermohonanRow = {
      nomorPermohonan: `PMH-${today.replace(/-/g, '')}-${String(this.sequence).padStart(6, '0')}`,
      nik: args.nik,
      jenisPaspor,
      kantorImigrasi,
      statusPermohonan: 'DITERIMA',
      tanggalPermohonan: formatOracleDate(today),
      ...declared,
    };
    this.rows.push(row);
    return toDto(row);
  }

  /** Applications of one NIK in the order they were received. */
  byNik(nik: string): PermohonanDto[] {
    if (!NIK_FORMAT.test(nik)) throw new SimkimRefusal(SIMKIM_FAULT_CODES.INVALID_NIK, 'NIK tidak valid: harus 16 digit');
    return this.rows.filter((row) => row.nik === nik).map(toDto);
  }
}

/**
 * The data page. With no declared element SIMKIM reads it from Dukcapil itself (assumed:
 * its own integration, not simulated); with any, it stores what the applicant declared,
 * after checking the notation of the date and sex codes.
 */
type DataPage = Pick<PermohonanRow, 'sumberIdentitas' | 'namaLengkap' | 'tanggalLahir' | 'tempatLahir' | 'jenisKelamin'>;

function declaredIdentity(args: AjukanPermohonanArgs): DataPage {
  const namaLengkap = args.namaLengkap ?? '';
  const tanggalLahir = args.tanggalLahir?.trim() ?? '';
  const tempatLahir = args.tempatLahir ?? '';
  const jenisKelamin = args.jenisKelamin?.trim().toUpperCase() ?? '';
  if (namaLengkap === '' && tanggalLahir === '' && tempatLahir === '' && jenisKelamin === '') {
    return { sumberIdentitas: 'DUKCAPIL', namaLengkap, tanggalLahir, tempatLahir, jenisKelamin };
  }
  if (tanggalLahir !== '' && splitOracleDate(tanggalLahir) === null) {
    throw new SimkimRefusal(SIMKIM_FAULT_CODES.DECLARED_IDENTITY, 'tanggalLahir harus berformat DD-MON-RR');
  }
  if (jenisKelamin !== '' && jenisKelamin !== 'M' && jenisKelamin !== 'F') {
    throw new SimkimRefusal(SIMKIM_FAULT_CODES.DECLARED_IDENTITY, 'jenisKelamin harus M atau F');
  }
  return { sumberIdentitas: 'PEMOHON', namaLengkap, tanggalLahir, tempatLahir, jenisKelamin };
}

function toDto(row: PermohonanRow): PermohonanDto {
  return {
    nomorPermohonan: row.nomorPermohonan,
    nik: row.nik,
    jenisPaspor: row.jenisPaspor,
    kantorImigrasi: row.kantorImigrasi,
    statusPermohonan: row.statusPermohonan,
    tanggalPermohonan: row.tanggalPermohonan,
    sumberIdentitas: row.sumberIdentitas,
  };
}
