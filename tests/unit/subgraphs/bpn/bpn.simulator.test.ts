import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Client } from 'pg';
import { BpnKkpClient } from '../../../../subgraphs/bpn/bpn-kkp.client';
import { startBpnSimulator, type BpnSimulator } from '../../../../subgraphs/bpn/legacy/bpn.simulator';
import { LegacyError } from '../../../../subgraphs/kit/errors';
import { FIXTURE_DUMP, FIXTURE_TABLES, HUSBAND, SOLE_HOLDER } from './bpn-fixtures';
import { POSTGRES_URL, requirePostgres, uniqueSchema } from './kkp-test-databases';

const directories: string[] = [];
function dataDir(dump: string | null): string {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'bpn-simulator-'));
  fs.mkdirSync(path.join(directory, 'bpn'));
  if (dump !== null) fs.writeFileSync(path.join(directory, 'bpn', 'bpn.sql'), dump);
  directories.push(directory);
  return directory;
}

afterAll(() => {
  for (const directory of directories) fs.rmSync(directory, { recursive: true, force: true });
});

async function outcome(client: BpnKkpClient): Promise<string> {
  try {
    const found = await client.findParcels([SOLE_HOLDER]);
    return `parcels:${found.get(SOLE_HOLDER)?.length ?? 0}`;
  } catch (error) {
    return (error as LegacyError).code;
  }
}

describe.each([
  ['SQLite', false],
  ['PostgreSQL', true],
])('bpn simulator on %s', (_name, postgres) => {
  let admin: Client | null = null;
  let simulator: BpnSimulator;
  let schema: string | undefined;
  const clients: BpnKkpClient[] = [];
  const client = (timeoutMs = 2000): BpnKkpClient => {
    const made = new BpnKkpClient({ location: simulator.url, timeoutMs });
    clients.push(made);
    return made;
  };
  const start = (dump: string | null, faults = {}): Promise<BpnSimulator> =>
    startBpnSimulator({ dataDir: dataDir(dump), faults, ...(postgres ? { databaseUrl: POSTGRES_URL, schema: (schema = uniqueSchema()) } : {}) });

  beforeAll(async () => {
    if (postgres) admin = await requirePostgres();
    simulator = await start(FIXTURE_DUMP);
  });

  afterAll(async () => {
    await Promise.all(clients.map((made) => made.close()));
    await simulator?.stop();
    await admin?.end();
  });

  it('loads bpn.sql and gives the location the subgraph reads', async () => {
    expect(simulator.dialect).toBe(postgres ? 'postgres' : 'sqlite');
    if (postgres) expect(new URL(simulator.url).searchParams.get('options')).toBe(`-c search_path=${schema}`);
    else expect(simulator.url).toMatch(/\/bpn\/bpn\.sqlite$/);
    expect(await outcome(client())).toBe('parcels:2');
    expect(simulator.stats().byOperation.load).toBe(1);
  });

  it.each([
    ['errorRate', 'AGENCY_UNAVAILABLE'],
    ['hangRate', 'AGENCY_TIMEOUT'],
    ['malformedRate', 'AGENCY_BAD_RESPONSE'],
  ])('with %s = 1 the view answers %s, and again normally at 0', async (fault, code) => {
    const reader = client(300);
    await simulator.applyFaults({ [fault]: 1 });
    try {
      expect(await outcome(reader)).toBe(code);
    } finally {
      await simulator.applyFaults({ [fault]: 0 });
    }
    expect(await outcome(reader)).toBe('parcels:2');
  });

  it('combines faults: the database stays locked and changed until both are lifted', async () => {
    const reader = client(300);
    try {
      await simulator.applyFaults({ malformedRate: 1, hangRate: 1 });
      expect(await outcome(reader)).toBe('AGENCY_TIMEOUT');
      await simulator.applyFaults({ hangRate: 0 });
      expect(await outcome(reader)).toBe('AGENCY_BAD_RESPONSE');
    } finally {
      await simulator.applyFaults({ malformedRate: 0, hangRate: 0 });
    }
    expect(await outcome(reader)).toBe('parcels:2');
  });

  it(postgres ? 'delays every query by the delay setting (pg_sleep in the view)' : 'ignores delays (SQLite has no sleep a reader would see)', async () => {
    await simulator.applyFaults({ delayMinMs: 600, delayMaxMs: 600 });
    try {
      expect(await outcome(client(200))).toBe(postgres ? 'AGENCY_TIMEOUT' : 'parcels:2');
      const started = Date.now();
      expect(await outcome(client(3000))).toBe('parcels:2');
      // Once per query, although the adapter's query reads the view twice.
      if (postgres) expect(Date.now() - started).toBeGreaterThanOrEqual(550);
      if (postgres) expect(Date.now() - started).toBeLessThan(1150);
    } finally {
      await simulator.applyFaults({ delayMinMs: 0, delayMaxMs: 0 });
    }
  });

  it('rejects fault settings the kit does not know', () => {
    expect(() => simulator.setFaults({ errorRate: 2 })).toThrow(/between 0 and 1/);
  });

  it('rebuilds the database from bpn.sql at each start and takes it down at stop', async () => {
    const directory = dataDir(FIXTURE_DUMP);
    const where = postgres ? { databaseUrl: POSTGRES_URL, schema: uniqueSchema() } : {};
    const first = await startBpnSimulator({ dataDir: directory, ...where });
    const reader = new BpnKkpClient({ location: first.url, timeoutMs: 1000 });
    clients.push(reader);
    await first.execute("DELETE FROM pemegang_sertipikat WHERE no_sertipikat = '04010201100042';");
    expect((await reader.findParcels([HUSBAND])).size).toBe(0);
    await first.stop();
    expect(await outcome(reader)).toBe('AGENCY_UNAVAILABLE');
    if (!postgres) expect(fs.existsSync(first.url)).toBe(false);
    const second = await startBpnSimulator({ dataDir: directory, ...where });
    try {
      expect(second.url).toBe(first.url);
      // The same reader finds the rebuilt database (a new file for SQLite, a new schema for PostgreSQL).
      expect((await reader.findParcels([HUSBAND])).size).toBe(1);
    } finally {
      await second.stop();
    }
  });

  it.each([
    [null, /cannot read .*bpn\.sql.*npm run seed/],
    ['CREATE TABLE broken (', /does not load into/],
    [FIXTURE_TABLES, /creates no view v_bidang_tanah_pemilik/],
  ])('refuses to start from %p with a clear error, leaving nothing behind', async (dump, message) => {
    await expect(start(dump)).rejects.toThrow(message);
    if (postgres) expect((await admin!.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [schema])).rowCount).toBe(0);
  });
});
