import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { openGatewayDatabase, type GatewayDatabase } from '../../../../gateway/store/database';
import { IdentitySyncStore, type IdentityObservation } from '../../../../gateway/store/identity-sync.store';

const PG_SERVER = process.env.SATU_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

interface Backend {
  name: string;
  open(): Promise<{ location: string; cleanup(): Promise<void> }>;
}

/** Each PostgreSQL run gets a schema of its own, dropped afterwards; SQLite a temporary file. */
const BACKENDS: Backend[] = [
  {
    name: 'SQLite',
    async open() {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'satu-store-'));
      return { location: path.join(dir, 'gateway.sqlite'), cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
    },
  },
  {
    name: 'PostgreSQL',
    async open() {
      const schema = `satu_store_test_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
      const admin = new Client({ connectionString: PG_SERVER, connectionTimeoutMillis: 3000 });
      try {
        await admin.connect();
      } catch (error) {
        throw new Error(`PostgreSQL is not reachable at ${PG_SERVER} (.ci/run starts it): ${(error as Error).message}`);
      }
      await admin.query(`CREATE SCHEMA ${schema}`);
      await admin.end();
      return {
        location: `${PG_SERVER}?options=-c%20search_path%3D${schema}`,
        cleanup: async () => {
          const client = new Client({ connectionString: PG_SERVER });
          await client.connect();
          await client.query(`DROP SCHEMA ${schema} CASCADE`);
          await client.end();
        },
      };
    },
  },
];

function observation(overrides: Partial<IdentityObservation>): IdentityObservation {
  return { nik: '1471080703850001', agency: 'samsat', attribute: 'FULL_NAME', verdict: 'MATCH', registryValue: 'BUDI', agencyValue: 'BUDI', reason: 'same', ...overrides };
}

describe.each(BACKENDS)('identity synchronization store on $name', (backend) => {
  let db: GatewayDatabase;
  let store: IdentitySyncStore;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    const opened = await backend.open();
    cleanup = opened.cleanup;
    db = await openGatewayDatabase(opened.location);
    store = new IdentitySyncStore(db);
  });

  afterAll(async () => {
    await db?.destroy();
    await cleanup?.();
  });

  it('opens one request per MISMATCH, keeps it single on repeated checks, and closes it when the copies agree', async () => {
    const mismatch = observation({ verdict: 'MISMATCH', agencyValue: 'ERMAN', reason: 'another name' });
    await store.record([mismatch], '2026-11-28T01:00:00.000Z');
    await store.record([{ ...mismatch, reason: 'still another name' }], '2026-11-28T02:00:00.000Z');
    const open = await store.list('samsat', 'OPEN');
    expect(open).toHaveLength(1);
    expect(open[0]).toMatchObject({ nik: mismatch.nik, attribute: 'FULL_NAME', agencyValue: 'ERMAN', reason: 'still another name', openedAt: '2026-11-28T01:00:00.000Z', closedAt: null });

    await store.record([observation({ verdict: 'VARIANT', agencyValue: 'BUDI, S.H.' })], '2026-11-28T03:00:00.000Z');
    expect(await store.list('samsat', 'OPEN')).toEqual([]);
    expect(await store.list('samsat', 'CLOSED')).toEqual([expect.objectContaining({ status: 'CLOSED', closedAt: '2026-11-28T03:00:00.000Z' })]);

    await store.record([mismatch], '2026-11-28T04:00:00.000Z');
    expect(await store.list('samsat')).toHaveLength(2);
  });

  it('never opens two requests for the same copy when two gateways record at once', async () => {
    const mismatch = observation({ nik: '1471084512900002', verdict: 'MISMATCH', agencyValue: 'X' });
    await Promise.all([store.record([mismatch]), store.record([mismatch]), store.record([mismatch])]);
    expect((await store.list('samsat', 'OPEN')).filter((request) => request.nik === mismatch.nik)).toHaveLength(1);
  });

  it('computes data quality as the share of checked citizens whose latest copy agrees, by attribute', async () => {
    await store.record([
      observation({ nik: '1471080101900011', agency: 'djp', verdict: 'MATCH' }),
      observation({ nik: '1471080101900012', agency: 'djp', verdict: 'VARIANT' }),
      observation({ nik: '1471080101900013', agency: 'djp', verdict: 'MISMATCH' }),
      observation({ nik: '1471080101900014', agency: 'djp', verdict: 'INCOMPLETE' }),
      observation({ nik: '1471080101900011', agency: 'djp', attribute: 'BIRTH_DATE', verdict: 'MATCH' }),
    ]);
    // A later check of the same citizen replaces its earlier verdict rather than counting twice.
    await store.record([observation({ nik: '1471080101900013', agency: 'djp', verdict: 'MATCH' })]);
    expect(await store.dataQuality('djp')).toEqual([
      { attribute: 'BIRTH_DATE', checkedCitizens: 1, agreeing: 1, share: 1 },
      { attribute: 'FULL_NAME', checkedCitizens: 3, agreeing: 3, share: 1 },
    ]);
  });
});
