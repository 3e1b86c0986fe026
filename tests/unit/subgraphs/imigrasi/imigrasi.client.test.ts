import type { RunningSimulator } from '../../../../subgraphs/kit/agency-module';
import { LegacyError } from '../../../../subgraphs/kit/errors';
import { createImigrasiClient, type ImigrasiClient } from '../../../../subgraphs/imigrasi/imigrasi.client';
import { DEFAULT_SIMKIM_CREDENTIALS } from '../../../../subgraphs/imigrasi/imigrasi.config';
import { startSimkimSimulator } from '../../../../subgraphs/imigrasi/legacy/simkim.simulator';
import {
  NIK_BINTI,
  NIK_QUIRKY,
  NIK_TWO_PASSPORTS,
  NIK_UNKNOWN,
  recordingLogger,
  removeDataDir,
  writeSimkimDataDir,
} from './simkim-fixture';

const TODAY = '2026-11-28';

async function legacyErrorOf(promise: Promise<unknown>): Promise<LegacyError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(LegacyError);
    return error as LegacyError;
  }
  throw new Error('expected the call to fail');
}

describe('imigrasi client against the SIMKIM simulator (SOAP over loopback)', () => {
  let dataDir: string;
  let simulator: RunningSimulator;
  let client: ImigrasiClient;
  const logger = recordingLogger();

  beforeAll(async () => {
    dataDir = await writeSimkimDataDir();
    simulator = await startSimkimSimulator({ dataDir, host: '127.0.0.1', port: 0, credentials: DEFAULT_SIMKIM_CREDENTIALS });
    client = await createImigrasiClient({
      endpoint: simulator.url,
      timeoutMs: 400,
      credentials: DEFAULT_SIMKIM_CREDENTIALS,
      today: () => TODAY,
      logger,
    });
  });
  afterEach(() => {
    simulator.setFaults({ delayMinMs: 0, delayMaxMs: 0, errorRate: 0, hangRate: 0, malformedRate: 0 });
    logger.warnings.length = 0;
  });
  afterAll(async () => {
    client.close();
    await simulator.stop();
    await removeDataDir(dataDir);
  });

  it('getPasporByNik: a holder with two passports, oldest first, both month languages read', async () => {
    const passports = await client.passportsByNik(NIK_TWO_PASSPORTS);
    expect(passports).toEqual([
      {
        nik: NIK_TWO_PASSPORTS,
        number: 'AR123456',
        type: 'ORDINARY',
        issueDate: '2008-05-03',
        expiryDate: '2013-05-03',
        issuingOffice: 'KANTOR IMIGRASI KELAS I TPI PEKANBARU',
        status: 'EXPIRED',
        holderName: 'MUHAMMAD RIZKI',
        holderBirthDate: '1985-07-12',
        holderBirthPlace: 'PEKANBARU',
        holderSex: 'MALE',
      },
      expect.objectContaining({ number: 'X1234567', type: 'ELECTRONIC', status: 'VALID', expiryDate: '2033-02-14' }),
    ]);
    expect(logger.warnings).toEqual([]);
  });

  it('not found (kodeRespon 01) is an answer: []', async () => {
    await expect(client.passportsByNik(NIK_UNKNOWN)).resolves.toEqual([]);
  });

  it('getPasporByNikList: one call for several NIKs, grouped by NIK, unknown NIKs absent', async () => {
    const before = simulator.stats().byOperation.getPasporByNikList ?? 0;
    const found = await client.passportsByNiks([NIK_TWO_PASSPORTS, NIK_BINTI, NIK_UNKNOWN]);
    expect(simulator.stats().byOperation.getPasporByNikList).toBe(before + 1);
    expect([...found.keys()].sort()).toEqual([NIK_TWO_PASSPORTS, NIK_BINTI].sort());
    expect(found.get(NIK_TWO_PASSPORTS)).toHaveLength(2);
    expect(found.get(NIK_BINTI)).toEqual([
      expect.objectContaining({ holderName: 'SITI BINTI AHMAD', holderSex: 'FEMALE', holderBirthDate: '1990-05-15', status: 'EXPIRED' }),
    ]);
  });

  it('a batch of one NIK and an empty batch work (one <nik> arrives as a string; none makes no call)', async () => {
    expect((await client.passportsByNiks([NIK_BINTI])).get(NIK_BINTI)).toHaveLength(1);
    const before = simulator.stats().requests;
    expect((await client.passportsByNiks([])).size).toBe(0);
    expect(simulator.stats().requests).toBe(before);
  });

  it('refuses more than 50 NIKs per call (the loader splits)', async () => {
    await expect(client.passportsByNiks(Array.from({ length: 51 }, () => NIK_BINTI))).rejects.toThrow(RangeError);
  });

  it('unknown codes and an impossible date become null with warnings; a single name has no given names', async () => {
    const [passport] = await client.passportsByNik(NIK_QUIRKY);
    expect(passport).toMatchObject({
      number: 'C1111111',
      holderName: 'SUKARNO',
      holderSex: null,
      issueDate: null,
      status: null,
      holderBirthDate: '1940-01-01',
      expiryDate: '2025-03-01',
    });
    const fields = logger.warnings.map((warning) => (warning.object as { field: string }).field).sort();
    expect(fields).toEqual(['jenisKelamin', 'statusPaspor', 'tanggalTerbit']);
  });

  it('wrong credentials: a SIMKIM-AUTH fault -> AGENCY_UNAVAILABLE', async () => {
    const intruder = await createImigrasiClient({
      endpoint: simulator.url,
      timeoutMs: 400,
      credentials: { username: DEFAULT_SIMKIM_CREDENTIALS.username, password: 'wrong' },
    });
    try {
      const error = await legacyErrorOf(intruder.passportsByNik(NIK_BINTI));
      expect(error.code).toBe('AGENCY_UNAVAILABLE');
      expect(error.message).toContain('SIMKIM-AUTH-01');
    } finally {
      intruder.close();
    }
  });

  it('a server error (SOAP Fault, HTTP 500) -> AGENCY_UNAVAILABLE', async () => {
    simulator.setFaults({ errorRate: 1 });
    const error = await legacyErrorOf(client.passportsByNiks([NIK_BINTI]));
    expect(error).toMatchObject({ code: 'AGENCY_UNAVAILABLE', agency: 'imigrasi' });
    expect(error.message).toContain('SIMKIM-DB-01');
  });

  it('a hung call ends within legacyTimeoutMs -> AGENCY_TIMEOUT', async () => {
    simulator.setFaults({ hangRate: 1 });
    const started = Date.now();
    const error = await legacyErrorOf(client.passportsByNik(NIK_BINTI));
    const elapsed = Date.now() - started;
    expect(error.code).toBe('AGENCY_TIMEOUT');
    expect(elapsed).toBeGreaterThanOrEqual(390);
    expect(elapsed).toBeLessThan(900);
  });

  it('latency past the timeout -> AGENCY_TIMEOUT', async () => {
    simulator.setFaults({ delayMinMs: 700, delayMaxMs: 700 });
    expect((await legacyErrorOf(client.passportsByNik(NIK_BINTI))).code).toBe('AGENCY_TIMEOUT');
  });

  it('latency within the timeout is just slow', async () => {
    simulator.setFaults({ delayMinMs: 100, delayMaxMs: 100 });
    await expect(client.passportsByNik(NIK_BINTI)).resolves.toHaveLength(1);
  });

  it('malformed answers (truncated envelope, then an Oracle error as text) -> AGENCY_BAD_RESPONSE', async () => {
    simulator.setFaults({ malformedRate: 1 });
    expect((await legacyErrorOf(client.passportsByNiks([NIK_BINTI]))).code).toBe('AGENCY_BAD_RESPONSE');
    expect((await legacyErrorOf(client.passportsByNiks([NIK_BINTI]))).code).toBe('AGENCY_BAD_RESPONSE');
  });

  it('faults can be set through POST /__control/faults too', async () => {
    const control = new URL('/__control/faults', simulator.url).toString();
    const response = await fetch(control, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"errorRate":1}' });
    expect(response.status).toBe(200);
    expect((await legacyErrorOf(client.passportsByNik(NIK_BINTI))).code).toBe('AGENCY_UNAVAILABLE');
  });

  it('serves its WSDL with its own address', async () => {
    const response = await fetch(`${simulator.url}?wsdl`);
    const text = await response.text();
    expect(text).toContain(`<soap:address location="${simulator.url}"/>`);
    expect(text).toContain('name="getPasporByNikList"');
  });
});

describe('imigrasi client when SIMKIM is down', () => {
  it('connection refused -> AGENCY_UNAVAILABLE', async () => {
    const dataDir = await writeSimkimDataDir();
    const simulator = await startSimkimSimulator({ dataDir, host: '127.0.0.1', port: 0 });
    const endpoint = simulator.url;
    await simulator.stop();
    const client = await createImigrasiClient({ endpoint, timeoutMs: 400, credentials: DEFAULT_SIMKIM_CREDENTIALS });
    try {
      expect((await legacyErrorOf(client.passportsByNik(NIK_BINTI))).code).toBe('AGENCY_UNAVAILABLE');
    } finally {
      client.close();
      await removeDataDir(dataDir);
    }
  });
});
