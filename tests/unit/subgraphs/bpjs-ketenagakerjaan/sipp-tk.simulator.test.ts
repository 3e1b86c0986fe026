import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BpjsKetenagakerjaanClient } from '../../../../subgraphs/bpjs-ketenagakerjaan/bpjs-ketenagakerjaan.client';
import { DEMO_CREDENTIALS } from '../../../../subgraphs/bpjs-ketenagakerjaan/bpjs-ketenagakerjaan.config';
import { startSippTkSimulator } from '../../../../subgraphs/bpjs-ketenagakerjaan/legacy/sipp-tk.simulator';
import { loadSippTkStore, parseSippTkStore } from '../../../../subgraphs/bpjs-ketenagakerjaan/legacy/sipp-tk.store';
import { basicAuthorization } from '../../../../subgraphs/bpjs-ketenagakerjaan/sipp-tk.wire';
import type { RunningSimulator } from '../../../../subgraphs/kit/agency-module';
import { BUDI, BUDI_RECORD, RAHMAT, SITI, UNKNOWN, budiRow, captureLogger, rahmatRow, sitiRow } from './sipp-tk-fixtures';

let dataDir: string;
let simulator: RunningSimulator;

async function call(path: string, init: { method?: string; body?: unknown; authorization?: string | null } = {}) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  const authorization = init.authorization === undefined ? basicAuthorization(DEMO_CREDENTIALS) : init.authorization;
  if (authorization !== null) headers.authorization = authorization;
  const response = await fetch(`${simulator.url}${path}`, {
    method: init.method ?? 'POST',
    headers,
    body: init.body === undefined ? undefined : typeof init.body === 'string' ? init.body : JSON.stringify(init.body),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, json: () => JSON.parse(text) as { status: string; message: string; data: unknown } };
}

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'satu-sipptk-sim-'));
  await mkdir(join(dataDir, 'bpjs-ketenagakerjaan'));
  await writeFile(join(dataDir, 'bpjs-ketenagakerjaan', 'kepesertaan.json'), JSON.stringify([budiRow(), sitiRow(), rahmatRow()]));
  simulator = await startSippTkSimulator({ dataDir, host: '127.0.0.1', port: 0 });
});

afterAll(async () => {
  await simulator?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

describe('SIPP-TK simulator', () => {
  it('answers a batch with one entry per NIK, in request order, "01" entries for non-members', async () => {
    const answer = await call('/api/kepesertaan/batch', { body: { nik: [SITI, UNKNOWN, BUDI] } });
    expect(answer.status).toBe(200);
    const body = answer.json();
    expect(body).toMatchObject({ status: '00', message: 'SUKSES' });
    expect(body.data).toEqual([
      { KODE_RESPON: '00', KETERANGAN: 'SUKSES', ...sitiRow() },
      { NIK: UNKNOWN, KODE_RESPON: '01', KETERANGAN: 'DATA TIDAK DITEMUKAN' },
      { KODE_RESPON: '00', KETERANGAN: 'SUKSES', ...budiRow() },
    ]);
  });

  it('answers the envelope status 01 when no NIK of the batch is a member', async () => {
    expect((await call('/api/kepesertaan/batch', { body: { nik: [UNKNOWN] } })).json()).toEqual({ status: '01', message: 'DATA TIDAK DITEMUKAN', data: null });
  });

  it('refuses a batch over 100 NIKs, a body that is not JSON and a missing nik list with status 02', async () => {
    const many = Array.from({ length: 101 }, () => BUDI);
    expect((await call('/api/kepesertaan/batch', { body: { nik: many } })).json()).toMatchObject({ status: '02', data: null });
    expect((await call('/api/kepesertaan/batch', { body: '{"nik":' })).json()).toMatchObject({ status: '02' });
    expect((await call('/api/kepesertaan/batch', { body: { niks: [BUDI] } })).json()).toMatchObject({ status: '02' });
  });

  it('answers a single look-up: the row, 01 for a non-member, 02 for a malformed NIK', async () => {
    expect((await call(`/api/kepesertaan/${RAHMAT}`, { method: 'GET' })).json()).toEqual({ status: '00', message: 'SUKSES', data: rahmatRow() });
    expect((await call(`/api/kepesertaan/${UNKNOWN}`, { method: 'GET' })).json()).toMatchObject({ status: '01', data: null });
    expect((await call('/api/kepesertaan/12345', { method: 'GET' })).json()).toMatchObject({ status: '02' });
  });

  it('answers HTTP 401 without Basic credentials, and status 03 inside a 200 for wrong ones', async () => {
    const missing = await call('/api/kepesertaan/batch', { body: { nik: [BUDI] }, authorization: null });
    expect(missing.status).toBe(401);
    expect(missing.headers.get('www-authenticate')).toBe('Basic realm="SIPP-TK"');
    const wrong = await call('/api/kepesertaan/batch', { body: { nik: [BUDI] }, authorization: basicAuthorization({ user: DEMO_CREDENTIALS.user, password: 'salah' }) });
    expect(wrong.status).toBe(200);
    expect(wrong.json()).toEqual({ status: '03', message: 'OTENTIKASI GAGAL', data: null });
  });

  it('answers 404 for an unknown path and 405 for a wrong method', async () => {
    expect((await call('/api/peserta/batch', { body: { nik: [BUDI] } })).status).toBe(404);
    expect((await call('/api/kepesertaan/batch', { method: 'GET' })).status).toBe(405);
  });

  it('is read correctly by the adapter, and counts calls by operation', async () => {
    const before = simulator.stats().byOperation['kepesertaan/batch'] ?? 0;
    const client = new BpjsKetenagakerjaanClient({ baseUrl: simulator.url, timeoutMs: 2_000, logger: captureLogger('silent').logger });
    const answers = await client.findMembers([BUDI, SITI, UNKNOWN, RAHMAT]);
    expect(answers.get(BUDI)).toEqual(BUDI_RECORD);
    expect(answers.get(UNKNOWN)).toMatchObject({ status: 'NOT_REGISTERED' });
    expect(answers.get(RAHMAT)).toMatchObject({ segment: 'CONSTRUCTION_WORKER', employer: { registrationNumber: '14090012' } });
    expect(await client.findMember(SITI)).toMatchObject({ status: 'INACTIVE', segment: 'NON_WAGE_EARNER' });
    expect(simulator.stats().byOperation['kepesertaan/batch']).toBe(before + 1);
    expect(simulator.stats().byOperation['kepesertaan/nik']).toBeGreaterThanOrEqual(1);
  });

  it('answers its faults: 502 from the proxy, a truncated envelope', async () => {
    simulator.setFaults({ errorRate: 1 });
    try {
      expect((await call('/api/kepesertaan/batch', { body: { nik: [BUDI] } })).status).toBe(502);
    } finally {
      simulator.setFaults({ errorRate: 0 });
    }
    simulator.setFaults({ malformedRate: 1 });
    try {
      const answer = await call('/api/kepesertaan/batch', { body: { nik: [BUDI] } });
      expect(answer.status).toBe(200);
      expect(() => answer.json()).toThrow(SyntaxError);
    } finally {
      simulator.setFaults({ malformedRate: 0 });
    }
  });
});

describe('SIPP-TK store', () => {
  it('refuses a store that is not a list, a row without a NIK string and a repeated NIK, naming the row', () => {
    expect(() => parseSippTkStore('{}', 'x.json')).toThrow(/JSON array/);
    expect(() => parseSippTkStore(JSON.stringify([{ NIK: Number(BUDI) }]), 'x.json')).toThrow(/row 0 needs "NIK"/);
    expect(() => parseSippTkStore(JSON.stringify([budiRow(), sitiRow(), budiRow()]), 'x.json')).toThrow(/row 2 repeats the NIK of row 0/);
    expect(() => parseSippTkStore('[', 'x.json')).toThrow(/not valid JSON/);
  });

  it('says what to do when the store is missing', async () => {
    await expect(loadSippTkStore(join(dataDir, 'nowhere'))).rejects.toThrow(/run the seed first/);
  });
});
