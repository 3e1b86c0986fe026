import pino from 'pino';
import { BpnKkpClient } from '../../../../subgraphs/bpn/bpn-kkp.client';
import { BpnLocationError } from '../../../../subgraphs/bpn/bpn-location';
import { LegacyError } from '../../../../subgraphs/kit/errors';
import {
  BAD_VALUES,
  BAD_VALUES_PARCELS,
  BYSTANDER,
  FIXTURE_DUMP,
  FIXTURE_TABLES,
  FIXTURE_VIEW,
  HUSBAND,
  HUSBAND_PARCELS,
  SOLE_HOLDER,
  SOLE_HOLDER_PARCELS,
  UNKNOWN,
  WIFE,
} from './bpn-fixtures';
import { DIALECTS, type KkpTestDatabases } from './kkp-test-databases';

/** A logger whose warnings the test can read. */
function capturingLogger(): { logger: pino.Logger; lines: Array<Record<string, unknown>> } {
  const lines: Array<Record<string, unknown>> = [];
  const logger = pino({ level: 'warn' }, { write: (line: string) => lines.push(JSON.parse(line) as Record<string, unknown>) });
  return { logger, lines };
}

async function failure(promise: Promise<unknown>): Promise<LegacyError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(LegacyError);
    return error as LegacyError;
  }
  throw new Error('expected the call to fail');
}

// The SAME adapter code against both dialects: only the legacyLocation differs.
describe.each(DIALECTS)('BpnKkpClient on %s', (_name, makeDatabases) => {
  let databases: KkpTestDatabases;
  let location: string;
  const clients: BpnKkpClient[] = [];
  const client = (at: string, timeoutMs = 2000, logger?: pino.Logger): BpnKkpClient => {
    const made = new BpnKkpClient({ location: at, timeoutMs, logger });
    clients.push(made);
    return made;
  };

  beforeAll(async () => {
    databases = makeDatabases();
    location = await databases.create(FIXTURE_DUMP);
  });

  afterAll(async () => {
    await Promise.all(clients.map((made) => made.close()));
    await databases?.cleanup();
  });

  it('reads every parcel of each NIK in clean notation, with co-owners, in one query for the batch', async () => {
    const { logger, lines } = capturingLogger();
    const kkp = client(location, 2000, logger);
    expect(kkp.dialect).toBe(databases.dialect);
    const found = await kkp.findParcels([SOLE_HOLDER, HUSBAND, UNKNOWN]);
    expect(kkp.queryCount).toBe(1);
    expect(found.get(SOLE_HOLDER)).toEqual(SOLE_HOLDER_PARCELS);
    expect(found.get(HUSBAND)).toEqual(HUSBAND_PARCELS);
    // Unknown NIK: absent, the loader answers [] for it. The wife's and the bystander's rows are not answers.
    expect(found.has(UNKNOWN)).toBe(false);
    expect([...found.keys()].sort()).toEqual([HUSBAND, SOLE_HOLDER]);
    expect(lines).toEqual([]);
  });

  it('names the other holder as co-owner from either side of a shared certificate', async () => {
    const found = await client(location).findParcels([WIFE, HUSBAND]);
    expect(found.get(WIFE)?.map((parcel) => [parcel.certificateNumber, parcel.ownershipShare, parcel.ownerName, parcel.coOwnerNiks])).toEqual([
      ['04010201100042', '1/2', 'NURHAYATI', [HUSBAND]],
    ]);
    expect(found.get(HUSBAND)?.[0]?.coOwnerNiks).toEqual([WIFE]);
  });

  it('answers an unknown NIK with nothing, still one query', async () => {
    const kkp = client(location);
    expect((await kkp.findParcels([UNKNOWN])).size).toBe(0);
    expect(kkp.queryCount).toBe(1);
  });

  it('turns each unreadable value into null with a warning naming the column and the masked NIK, never the value', async () => {
    const { logger, lines } = capturingLogger();
    const found = await client(location, 2000, logger).findParcels([BAD_VALUES, BYSTANDER]);
    expect(found.get(BAD_VALUES)).toEqual(BAD_VALUES_PARCELS);
    expect(found.get(BYSTANDER)?.[0]?.ownershipShare).toBe('1/1');
    expect(lines.map((line) => line.column).sort()).toEqual(['bagian', 'jenis_hak', 'luas_m2', 'no_sertipikat', 'tgl_daftar']);
    for (const line of lines) expect(line.nik).toBe('1471********0002');
    expect(JSON.stringify(lines)).not.toMatch(/SETENGAH|31-02-2019|1471084512900002/);
  });

  it('gives AGENCY_UNAVAILABLE when the database has no view', async () => {
    const withoutView = await databases.create(FIXTURE_TABLES);
    const error = await failure(client(withoutView).findParcels([SOLE_HOLDER]));
    expect([error.code, error.agency]).toEqual(['AGENCY_UNAVAILABLE', 'bpn']);
    expect(error.message).toMatch(/view does not exist/);
  });

  it('gives AGENCY_BAD_RESPONSE when the view lost a column Satu reads', async () => {
    const changed = await databases.create(FIXTURE_DUMP);
    await databases.execute(changed, 'DROP VIEW v_bidang_tanah_pemilik; CREATE VIEW v_bidang_tanah_pemilik AS SELECT nik AS nik_pemilik, nama_pemegang AS nama_pemilik FROM pemegang_hak;');
    const error = await failure(client(changed).findParcels([SOLE_HOLDER]));
    expect(error.code).toBe('AGENCY_BAD_RESPONSE');
  });

  it('gives AGENCY_UNAVAILABLE quickly when the database cannot be reached', async () => {
    const started = Date.now();
    const error = await failure(client(databases.unreachable(), 10_000).findParcels([SOLE_HOLDER]));
    expect(error.code).toBe('AGENCY_UNAVAILABLE');
    // Refused at once: nowhere near the 10 s deadline.
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('gives AGENCY_TIMEOUT when a query outlasts the deadline, and answers again once the database is free', async () => {
    const stalled = await databases.create(FIXTURE_DUMP);
    const kkp = client(stalled, 300);
    const release = await databases.stall(stalled);
    let error: LegacyError;
    const started = Date.now();
    try {
      error = await failure(kkp.findParcels([SOLE_HOLDER]));
    } finally {
      await release();
    }
    expect(error.code).toBe('AGENCY_TIMEOUT');
    if (databases.dialect === 'postgres') expect(error.message).toMatch(/statement timeout/);
    else expect(error.message).toMatch(/locked/);
    expect(Date.now() - started).toBeLessThan(5000);
    expect((await kkp.findParcels([SOLE_HOLDER])).get(SOLE_HOLDER)).toHaveLength(2);
  });

  it('keeps working across a database that goes away and comes back', async () => {
    const flaky = await databases.create(FIXTURE_DUMP);
    const kkp = client(flaky);
    expect((await kkp.findParcels([HUSBAND])).size).toBe(1);
    await databases.execute(flaky, 'DROP VIEW v_bidang_tanah_pemilik;');
    expect((await failure(kkp.findParcels([HUSBAND]))).code).toBe('AGENCY_UNAVAILABLE');
    await databases.execute(flaky, FIXTURE_VIEW);
    expect((await kkp.findParcels([HUSBAND])).size).toBe(1);
  });

  it('sends one IN list of up to 100 NIKs in a single query', async () => {
    const kkp = client(location);
    const niks = Array.from({ length: 100 }, (_, i) => `14710801019${String(i).padStart(5, '0')}`.slice(0, 16));
    niks[42] = SOLE_HOLDER;
    const found = await kkp.findParcels(niks);
    expect(kkp.queryCount).toBe(1);
    expect([...found.keys()]).toEqual([SOLE_HOLDER]);
  });
});

describe('BpnKkpClient locations', () => {
  it.each(['mysql://root@127.0.0.1/kkp', 'http://127.0.0.1:4108/', 'file:///var/kkp.sqlite', '   '])('refuses %j at once with what to give instead', (location) => {
    expect(() => new BpnKkpClient({ location, timeoutMs: 100 })).toThrow(BpnLocationError);
    expect(() => new BpnKkpClient({ location, timeoutMs: 100 })).toThrow(/SQLite file path|PostgreSQL URL|no host/);
  });
});
