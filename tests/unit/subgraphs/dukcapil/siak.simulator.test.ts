import { rm } from 'node:fs/promises';
import { agency } from '../../../../subgraphs/dukcapil';
import { DEMO_CREDENTIALS } from '../../../../subgraphs/dukcapil/dukcapil.config';
import type { RunningSimulator } from '../../../../subgraphs/kit/agency-module';
import { handWrittenDataDir } from './hand-data-dir';
import { ANI, BUDI, CITRA, KK, UNKNOWN } from './siak-fixtures';

let dataDir: string;
let simulator: RunningSimulator;

beforeAll(async () => {
  dataDir = await handWrittenDataDir();
  simulator = await agency.startSimulator({ dataDir, host: '127.0.0.1', port: 0 });
});
afterAll(async () => {
  await simulator.stop();
  await rm(dataDir, { recursive: true, force: true });
});

async function post(operation: string, payload: Record<string, unknown>, credentials: object = DEMO_CREDENTIALS): Promise<{ status: number; body: { content: Array<Record<string, unknown>>; numberOfElements: number } }> {
  const response = await fetch(`${simulator.url}/dukcapil/get_json/SATU_MPP_PEKANBARU/${operation}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ ...payload, ...credentials }),
  });
  return { status: response.status, body: (await response.json()) as { content: Array<Record<string, unknown>>; numberOfElements: number } };
}

describe('SIAK simulator', () => {
  it('CALL_NIK answers the stored row in the paging envelope', async () => {
    const { status, body } = await post('CALL_NIK', { NIK: BUDI });
    expect(status).toBe(200);
    expect(body).toMatchObject({ numberOfElements: 1, totalElements: 1, lastPage: true, firstPage: true, number: 0, size: 1, sort: null });
    expect(body.content[0]).toMatchObject({ NIK: BUDI, NAMA_LGKP: 'BUDI SANTOSO', TGL_LHR: '04-07-1983' });
  });

  it('answers "not found" and "login failed" inside content with HTTP 200', async () => {
    expect(await post('CALL_NIK', { NIK: UNKNOWN })).toEqual({ status: 200, body: expect.objectContaining({ content: [{ RESPON: 'Data Tidak Ditemukan' }] }) });
    const refused = await post('CALL_NIK', { NIK: BUDI }, { ...DEMO_CREDENTIALS, password: 'wrong' });
    expect(refused).toEqual({ status: 200, body: expect.objectContaining({ content: [{ RESPON: 'User ID / Password salah' }] }) });
    const noIp = await post('CALL_NIK', { NIK: BUDI }, { user_id: DEMO_CREDENTIALS.user_id, password: DEMO_CREDENTIALS.password });
    expect(noIp.body.content).toEqual([{ RESPON: 'User ID / Password salah' }]);
  });

  it('CALL_NIK_BATCH answers one entry per NIK in order, and refuses more than 100', async () => {
    const { body } = await post('CALL_NIK_BATCH', { NIK: [ANI, UNKNOWN, BUDI] });
    expect(body.content.map((row) => [row.NIK, row.RESPON ?? null])).toEqual([
      [ANI, null],
      [UNKNOWN, 'Data Tidak Ditemukan'],
      [BUDI, null],
    ]);
    const tooMany = await post('CALL_NIK_BATCH', { NIK: Array.from({ length: 101 }, () => BUDI) });
    expect(tooMany.body.content).toEqual([{ RESPON: 'Jumlah NIK melebihi batas maksimal 100' }]);
  });

  it('CALL_KK answers the members in file order', async () => {
    const { body } = await post('CALL_KK', { NO_KK: KK });
    expect(body.content.map((row) => row.NIK)).toEqual([BUDI, ANI, CITRA]);
    expect((await post('CALL_KK', { NO_KK: '1471089999990001' })).body.content).toEqual([{ RESPON: 'Data Tidak Ditemukan' }]);
  });

  it('CALL_VERIFY_BY_ELEMEN answers only Sesuai / Tidak Sesuai, never the values', async () => {
    const { body } = await post('CALL_VERIFY_BY_ELEMEN', {
      NIK: ANI,
      NAMA_LGKP: 'ani  marlina',
      TGL_LHR: '12-3-1985',
      TMPT_LHR: 'PEKANBARU',
      JENIS_KLMIN: 'PEREMPUAN',
      NAMA_LGKP_IBU: 'RAHMAH',
    });
    expect(body.content).toEqual([
      { NIK: 'Sesuai', NAMA_LGKP: 'Sesuai', TGL_LHR: 'Sesuai', TMPT_LHR: 'Tidak Sesuai', JENIS_KLMIN: 'Sesuai', NAMA_LGKP_IBU: 'Sesuai' },
    ]);
  });

  it('answers a wrong path with the servlet container 404 page, and counts calls by operation', async () => {
    const response = await fetch(`${simulator.url}/dukcapil/get_json/SATU_MPP_PEKANBARU/CALL_ALL`, { method: 'POST', body: '{}' });
    expect(response.status).toBe(404);
    await response.text();
    expect(simulator.stats().byOperation).toMatchObject({ CALL_NIK: 4, CALL_NIK_BATCH: 2, CALL_KK: 2, CALL_VERIFY_BY_ELEMEN: 1, unknown: 1 });
  });

  it('refuses to start on a missing store with a message naming the file', async () => {
    await expect(agency.startSimulator({ dataDir: '/nonexistent-satu', host: '127.0.0.1', port: 0 })).rejects.toThrow(/penduduk\.json/);
  });
});
