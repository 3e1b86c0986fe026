import { createClientAsync, WSSecurity, type Client } from 'soap';
import type { RunningSimulator } from '../../../../subgraphs/kit/agency-module';
import { LegacyError } from '../../../../subgraphs/kit/errors';
import { createImigrasiClient, type ImigrasiClient } from '../../../../subgraphs/imigrasi/imigrasi.client';
import { DEFAULT_SIMKIM_CREDENTIALS } from '../../../../subgraphs/imigrasi/imigrasi.config';
import { SIMKIM_PASPOR_WSDL } from '../../../../subgraphs/imigrasi/legacy/simkim-paspor.wsdl';
import { startSimkimSimulator } from '../../../../subgraphs/imigrasi/legacy/simkim.simulator';
import { PassportApplicationRefused } from '../../../../subgraphs/imigrasi/passport-application.records';
import { NIK_BINTI, NIK_QUIRKY, NIK_TWO_PASSPORTS, NIK_UNKNOWN, recordingLogger, removeDataDir, writeSimkimDataDir } from './simkim-fixture';

const TODAY = '2026-11-28';
const MPP_OFFICE = 'UNIT LAYANAN PASPOR MPP PEKANBARU';

async function failureOf<T extends Error>(promise: Promise<unknown>, type: new (...args: never[]) => T): Promise<T> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(type);
    return error as T;
  }
  throw new Error('expected the call to fail');
}

describe('imigrasi client: passport applications against the SIMKIM simulator (SOAP over loopback)', () => {
  let dataDir: string;
  let simulator: RunningSimulator;
  let client: ImigrasiClient;
  const logger = recordingLogger();

  beforeAll(async () => {
    dataDir = await writeSimkimDataDir();
    simulator = await startSimkimSimulator({ dataDir, host: '127.0.0.1', port: 0, credentials: DEFAULT_SIMKIM_CREDENTIALS, today: () => TODAY });
    client = await createImigrasiClient({ endpoint: simulator.url, timeoutMs: 400, credentials: DEFAULT_SIMKIM_CREDENTIALS, today: () => TODAY, logger });
  });
  afterEach(() => {
    simulator.setFaults({ delayMinMs: 0, delayMaxMs: 0, errorRate: 0, hangRate: 0, malformedRate: 0 });
  });
  afterAll(async () => {
    client.close();
    await simulator.stop();
    await removeDataDir(dataDir);
  });

  it('submits an application (NIK, type; the office defaults to the mall counter) and reads it back', async () => {
    const before = simulator.stats().byOperation.ajukanPermohonanPaspor ?? 0;
    const application = await client.submitPassportApplication({ nik: NIK_TWO_PASSPORTS, passportType: 'ELECTRONIC' });
    expect(application).toEqual({
      nik: NIK_TWO_PASSPORTS,
      applicationNumber: 'PMH-20261128-000001',
      status: 'RECEIVED',
      submittedOn: TODAY,
      passportType: 'ELECTRONIC',
      office: MPP_OFFICE,
      // Nothing declared: SIMKIM filled the data page from the civil registry.
      identitySource: 'CIVIL_REGISTRY',
    });
    expect(simulator.stats().byOperation.ajukanPermohonanPaspor).toBe(before + 1);
    await expect(client.passportApplicationsByNik(NIK_TWO_PASSPORTS)).resolves.toEqual([application]);
    expect(simulator.stats().byOperation.getPermohonanByNik).toBe(1);
    expect(logger.warnings).toEqual([]);
  });

  it('no application for a NIK (kodeRespon 01) is an answer: []', async () => {
    await expect(client.passportApplicationsByNik(NIK_UNKNOWN)).resolves.toEqual([]);
  });

  it('a second open application of the same type is refused (SIMKIM-APP-02) with the open number; another type or NIK is not', async () => {
    const first = await client.submitPassportApplication({ nik: NIK_BINTI, passportType: 'ORDINARY' });
    const refusal = await failureOf(client.submitPassportApplication({ nik: NIK_BINTI, passportType: 'ORDINARY' }), PassportApplicationRefused);
    expect(refusal).toMatchObject({ reason: 'APPLICATION_ALREADY_OPEN', openApplicationNumber: first.applicationNumber });
    expect(refusal.message).toBe(`an application for this passport type is already open: ${first.applicationNumber}`);

    const electronic = await client.submitPassportApplication({ nik: NIK_BINTI, passportType: 'ELECTRONIC' });
    await client.submitPassportApplication({ nik: NIK_QUIRKY, passportType: 'ORDINARY' });
    expect((await client.passportApplicationsByNik(NIK_BINTI)).map((application) => application.applicationNumber)).toEqual([
      first.applicationNumber,
      electronic.applicationNumber,
    ]);
  });

  it('the office is matched as SIMKIM lists it (case, spaces) and stored under its own name; an unknown one is refused', async () => {
    const application = await client.submitPassportApplication({
      nik: NIK_UNKNOWN,
      passportType: 'ORDINARY',
      office: 'kantor imigrasi kelas II  tpi dumai',
    });
    expect(application.office).toBe('KANTOR IMIGRASI KELAS II TPI DUMAI');
    const refusal = await failureOf(
      client.submitPassportApplication({ nik: NIK_UNKNOWN, passportType: 'ELECTRONIC', office: 'KANTOR IMIGRASI BATAM' }),
      PassportApplicationRefused,
    );
    expect(refusal).toMatchObject({ reason: 'UNKNOWN_OFFICE', message: 'imigrasi does not know the immigration office "KANTOR IMIGRASI BATAM"' });
  });

  it('a type SIMKIM takes no application for (SIMKIM-VAL-03) is refused on the merits', async () => {
    const refusal = await failureOf(client.submitPassportApplication({ nik: NIK_UNKNOWN, passportType: 'DIPLOMATIC' }), PassportApplicationRefused);
    expect(refusal).toMatchObject({ reason: 'PASSPORT_TYPE_NOT_ACCEPTED' });
    expect(refusal.message).toContain('not DIPLOMATIC');
  });

  it('wrong credentials on a submit are the agency failing (AGENCY_UNAVAILABLE), not a refusal', async () => {
    const intruder = await createImigrasiClient({ endpoint: simulator.url, timeoutMs: 400, credentials: { ...DEFAULT_SIMKIM_CREDENTIALS, password: 'x' } });
    try {
      const error = await failureOf(intruder.submitPassportApplication({ nik: NIK_UNKNOWN, passportType: 'ELECTRONIC' }), LegacyError);
      expect(error.code).toBe('AGENCY_UNAVAILABLE');
      expect(error.message).toContain('SIMKIM-AUTH-01');
    } finally {
      intruder.close();
    }
  });

  it('a SIMKIM-DB-01 fault -> AGENCY_UNAVAILABLE, and nothing is filed', async () => {
    simulator.setFaults({ errorRate: 1 });
    const error = await failureOf(client.submitPassportApplication({ nik: NIK_QUIRKY, passportType: 'ELECTRONIC' }), LegacyError);
    expect(error).toMatchObject({ code: 'AGENCY_UNAVAILABLE', agency: 'imigrasi' });
    expect(error.message).toContain('SIMKIM-DB-01');
    expect((await failureOf(client.passportApplicationsByNik(NIK_QUIRKY), LegacyError)).code).toBe('AGENCY_UNAVAILABLE');
    simulator.setFaults({ errorRate: 0 });
    expect((await client.passportApplicationsByNik(NIK_QUIRKY)).map((application) => application.passportType)).toEqual(['ORDINARY']);
  });

  it('a hung submit ends at the deadline -> AGENCY_TIMEOUT', async () => {
    simulator.setFaults({ hangRate: 1 });
    const started = Date.now();
    const error = await failureOf(client.submitPassportApplication({ nik: NIK_QUIRKY, passportType: 'ELECTRONIC' }), LegacyError);
    expect(error.code).toBe('AGENCY_TIMEOUT');
    expect(Date.now() - started).toBeLessThan(900);
    expect((await failureOf(client.passportApplicationsByNik(NIK_QUIRKY), LegacyError)).code).toBe('AGENCY_TIMEOUT');
  });

  it('garbage instead of an envelope -> AGENCY_BAD_RESPONSE', async () => {
    simulator.setFaults({ malformedRate: 1 });
    expect((await failureOf(client.submitPassportApplication({ nik: NIK_QUIRKY, passportType: 'ELECTRONIC' }), LegacyError)).code).toBe('AGENCY_BAD_RESPONSE');
    expect((await failureOf(client.passportApplicationsByNik(NIK_QUIRKY), LegacyError)).code).toBe('AGENCY_BAD_RESPONSE');
  });
});

/** The simulator's side of the contract, through a plain `soap` client (what another SIMKIM caller would send). */
describe('SIMKIM simulator: ajukanPermohonanPaspor as any SOAP caller sees it', () => {
  let dataDir: string;
  let simulator: RunningSimulator;
  let soapClient: Client;

  type Call = (args: object) => Promise<[unknown, ...unknown[]]>;
  const call = (operation: string, args: object): Promise<[unknown, ...unknown[]]> => (soapClient[`${operation}Async`] as Call)(args);
  async function faultOf(operation: string, args: object): Promise<string> {
    try {
      await call(operation, args);
    } catch (error) {
      return String((error as { root?: { Envelope?: { Body?: { Fault?: { faultstring?: unknown } } } } }).root?.Envelope?.Body?.Fault?.faultstring);
    }
    throw new Error('expected a SOAP Fault');
  }

  beforeAll(async () => {
    dataDir = await writeSimkimDataDir();
    simulator = await startSimkimSimulator({ dataDir, host: '127.0.0.1', port: 0, credentials: DEFAULT_SIMKIM_CREDENTIALS, today: () => '2026-03-05' });
    soapClient = await createClientAsync(SIMKIM_PASPOR_WSDL, { disableCache: true }, simulator.url);
    const { username, password } = DEFAULT_SIMKIM_CREDENTIALS;
    soapClient.setSecurity(new WSSecurity(username, password, { passwordType: 'PasswordText', hasTimeStamp: false, hasNonce: false }));
  });
  afterAll(async () => {
    await simulator.stop();
    await removeDataDir(dataDir);
  });

  it('stores a declared identity as declared (sumberIdentitas PEMOHON), dates in DD-MON-RR, numbers PMH-yyyymmdd-nnnnnn', async () => {
    const [result] = await call('ajukanPermohonanPaspor', {
      nik: NIK_BINTI,
      jenisPaspor: 'pe',
      namaLengkap: 'SITI BINTI AHMAD',
      tanggalLahir: '15-MAY-90',
      tempatLahir: 'KAMPAR',
      jenisKelamin: 'F',
    });
    expect(result).toEqual({
      return: {
        kodeRespon: '00',
        pesanRespon: 'PERMOHONAN DITERIMA',
        jumlahData: '1',
        permohonan: [
          {
            nomorPermohonan: 'PMH-20260305-000001',
            nik: NIK_BINTI,
            jenisPaspor: 'PE',
            kantorImigrasi: MPP_OFFICE,
            statusPermohonan: 'DITERIMA',
            tanggalPermohonan: '05-MAR-26',
            sumberIdentitas: 'PEMOHON',
          },
        ],
      },
    });
  });

  it('faults with a clear faultstring for bad input', async () => {
    expect(await faultOf('ajukanPermohonanPaspor', { nik: '123', jenisPaspor: 'PB' })).toMatch(/^SIMKIM-VAL-01 NIK tidak valid/);
    expect(await faultOf('ajukanPermohonanPaspor', { nik: NIK_UNKNOWN, jenisPaspor: 'XX' })).toBe(
      'SIMKIM-VAL-03 jenisPaspor "XX" tidak dapat diajukan melalui layanan ini (hanya PB atau PE)',
    );
    expect(await faultOf('ajukanPermohonanPaspor', { nik: NIK_UNKNOWN })).toMatch(/^SIMKIM-VAL-03 /);
    expect(await faultOf('ajukanPermohonanPaspor', { nik: NIK_UNKNOWN, jenisPaspor: 'PB', jenisKelamin: 'L' })).toBe('SIMKIM-VAL-04 jenisKelamin harus M atau F');
    expect(await faultOf('ajukanPermohonanPaspor', { nik: NIK_UNKNOWN, jenisPaspor: 'PB', tanggalLahir: '1990-05-15' })).toBe(
      'SIMKIM-VAL-04 tanggalLahir harus berformat DD-MON-RR',
    );
    expect(await faultOf('ajukanPermohonanPaspor', { nik: NIK_UNKNOWN, jenisPaspor: 'PB', kantorImigrasi: 'KANTOR X' })).toBe(
      'SIMKIM-APP-01 Kantor imigrasi tidak dikenal',
    );
    expect(await faultOf('getPermohonanByNik', { nik: '12' })).toMatch(/^SIMKIM-VAL-01 /);
    // None of the refused ones was filed.
    const [result] = await call('getPermohonanByNik', { nik: NIK_UNKNOWN });
    expect(result).toMatchObject({ return: { kodeRespon: '01', jumlahData: '0' } });
  });

  it('a duplicate open application: SIMKIM-APP-02 naming the open one', async () => {
    await call('ajukanPermohonanPaspor', { nik: NIK_TWO_PASSPORTS, jenisPaspor: 'PB' });
    expect(await faultOf('ajukanPermohonanPaspor', { nik: NIK_TWO_PASSPORTS, jenisPaspor: 'PB' })).toBe(
      'SIMKIM-APP-02 Masih ada permohonan paspor PB yang belum selesai untuk NIK ini: PMH-20260305-000002',
    );
    expect(simulator.stats().byOperation).toMatchObject({ ajukanPermohonanPaspor: 9, getPermohonanByNik: 2 });
  });
});
