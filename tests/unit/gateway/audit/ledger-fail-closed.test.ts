import Database from 'better-sqlite3';
import { GraphQLError } from 'graphql';
import { Kysely, SqliteDialect } from 'kysely';
import path from 'node:path';
import { Client } from 'pg';
import { AccessLedger } from '../../../../gateway/audit/access-ledger';
import { verifyStoredLedger } from '../../../../gateway/audit/ledger-reader';
import { migrateLedger } from '../../../../gateway/audit/ledger-migrations';
import { loadOrCreateLedgerSigner, readLedgerPublicKeys } from '../../../../gateway/audit/ledger-signing-key';
import type { LedgerTables } from '../../../../gateway/audit/ledger-tables';
import { TempDirs } from '../../../support/temp-dir';
import { draft, LEDGER_BACKENDS, openTestLedger, type OpenedLedger } from './ledger-fixtures';

/**
 * Fail closed (issue 6, item 6): when the database stops taking writes in the middle of a load,
 * every append of a failed commit rejects with AUDIT_UNAVAILABLE and leaves nothing behind, every
 * append that resolved is in the ledger, and the ledger carries on once the database is writable.
 */

interface LoadResult {
  tag: string;
  committed: string[];
  refused: Array<{ requestId: string; error: unknown }>;
}

const APPENDERS = 6;
const APPENDS_EACH = 40;

/** Appenders in parallel, each appending one entry after another; `fault` runs after the 60th settled append, `repair` after the 120th. */
async function appendUnderLoad(ledger: AccessLedger, tag: string, fault: () => Promise<void> | void, repair: () => Promise<void> | void): Promise<LoadResult> {
  const result: LoadResult = { tag, committed: [], refused: [] };
  let settled = 0;
  let stage: Promise<void> = Promise.resolve();
  const onSettled = (): void => {
    settled += 1;
    if (settled === 60) stage = stage.then(fault);
    if (settled === 120) stage = stage.then(repair);
  };
  await Promise.all(
    Array.from({ length: APPENDERS }, async (_, appender) => {
      for (let index = 0; index < APPENDS_EACH; index += 1) {
        const requestId = `${tag}-${appender}-${index}`;
        try {
          await ledger.append(draft({ requestId }));
          result.committed.push(requestId);
        } catch (error) {
          result.refused.push({ requestId, error });
        }
        onSettled();
        await stage;
        await new Promise((resolve) => setTimeout(resolve, 1));
      }
    }),
  );
  await stage;
  return result;
}

async function expectFailedClosedAndRecovered(db: Kysely<LedgerTables>, ledger: AccessLedger, result: LoadResult, publicKeys: ReturnType<typeof readLedgerPublicKeys>): Promise<void> {
  expect(result.refused.length).toBeGreaterThan(0);
  expect(result.committed.length).toBeGreaterThan(0);
  expect(result.committed.length + result.refused.length).toBe(APPENDERS * APPENDS_EACH);
  for (const { error } of result.refused) {
    expect(error).toBeInstanceOf(GraphQLError);
    expect(error).toMatchObject({ extensions: { code: 'AUDIT_UNAVAILABLE' }, message: 'The access ledger could not be written, so no personal data was released.' });
  }
  const stored = (await db.selectFrom('audit_ledger_entries').select('request_id').execute()).map((row) => row.request_id).sort();
  // Every resolved append is in the ledger exactly once; no refused one is, not even in part.
  expect(stored).toEqual([...result.committed].sort());
  const refusedIds = new Set(result.refused.map((refusal) => refusal.requestId));
  expect(stored.some((requestId) => refusedIds.has(requestId))).toBe(false);
  // Field usage counts every committed entry once and no refused one (every draft resolves Query.citizen).
  const usage = await db.selectFrom('audit_ledger_field_usage').select((eb) => eb.fn.sum<number | string>('count').as('count')).where('coordinate', '=', 'Query.citizen').executeTakeFirstOrThrow();
  expect(Number(usage.count)).toBe(result.committed.length);
  const orphans = await db.selectFrom('audit_ledger_niks').select('sequence').where('sequence', '>', result.committed.length).execute();
  expect(orphans).toEqual([]);
  // Each appender's last append came after the repair and went through: the ledger recovered by itself.
  for (let appender = 0; appender < APPENDERS; appender += 1) expect(result.committed).toContain(`${result.tag}-${appender}-${APPENDS_EACH - 1}`);
  const after = await ledger.append(draft({ requestId: 'after-repair' }));
  expect(after.sequence).toBe(result.committed.length + 1);
  await ledger.checkpointNow();
  expect(await verifyStoredLedger(db, publicKeys)).toMatchObject({ ok: true, entries: result.committed.length + 1 });
}

describe('fail closed on SQLite', () => {
  const dirs = new TempDirs();
  let sqlite: Database.Database;
  let db: Kysely<LedgerTables>;
  let ledger: AccessLedger;
  let file: string;
  let keyDir: string;

  beforeEach(async () => {
    const dir = dirs.make('satu-ledger-fail-');
    file = path.join(dir, 'gateway.sqlite');
    keyDir = path.join(dir, 'keys');
    sqlite = new Database(file);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('busy_timeout = 100');
    db = new Kysely<LedgerTables>({ dialect: new SqliteDialect({ database: sqlite }) });
    await migrateLedger(db);
    ledger = new AccessLedger({ db, signer: loadOrCreateLedgerSigner(keyDir), maxBatchEntries: 16 });
  });

  afterEach(async () => {
    await ledger.close().catch(() => undefined);
    await db.destroy();
    dirs.removeAll();
  });

  const keys = () => readLedgerPublicKeys([path.join(keyDir, 'access-ledger-signing.pub.pem')]);

  it('refuses while the disk is full and recovers when there is room again', async () => {
    const result = await appendUnderLoad(
      ledger,
      'full',
      // SQLite's own "database or disk is full": no page may be added beyond those in use.
      () => {
        const pages = Number(sqlite.pragma('page_count', { simple: true }));
        sqlite.pragma(`max_page_count = ${pages}`);
      },
      () => {
        sqlite.pragma('max_page_count = 1073741823');
      },
    );
    expect(String((result.refused[0]!.error as GraphQLError).originalError?.message)).toMatch(/full/);
    await expectFailedClosedAndRecovered(db, ledger, result, keys());
  });

  it('refuses while the database is read-only and recovers when it is writable again', async () => {
    // As root a file mode does not stop writes; query_only makes SQLite refuse them the same way.
    const result = await appendUnderLoad(ledger, 'readonly', () => void sqlite.pragma('query_only = 1'), () => void sqlite.pragma('query_only = 0'));
    expect(String((result.refused[0]!.error as GraphQLError).originalError?.message)).toMatch(/readonly|read-only|query_only/i);
    await expectFailedClosedAndRecovered(db, ledger, result, keys());
  });

  it('refuses while another connection holds the write lock and recovers when it lets go', async () => {
    const other = new Database(file);
    try {
      const result = await appendUnderLoad(ledger, 'locked', () => void other.exec('BEGIN EXCLUSIVE'), () => void other.exec('COMMIT'));
      expect(String((result.refused[0]!.error as GraphQLError).originalError?.message)).toMatch(/locked/);
      await expectFailedClosedAndRecovered(db, ledger, result, keys());
    } finally {
      other.close();
    }
  });
});

describe('fail closed on PostgreSQL', () => {
  const backend = LEDGER_BACKENDS.find((candidate) => candidate.name === 'PostgreSQL')!;
  let t: OpenedLedger;
  let admin: Client;
  const logged: Array<{ level: string; fields: Record<string, unknown>; message: string }> = [];
  const logger = {
    warn: (fields: Record<string, unknown>, message: string) => void logged.push({ level: 'warn', fields, message }),
    error: (fields: Record<string, unknown>, message: string) => void logged.push({ level: 'error', fields, message }),
  };

  beforeEach(async () => {
    logged.length = 0;
    t = await openTestLedger(backend, { maxBatchEntries: 16, databaseTimeoutMs: 200, logger: logger as never });
    admin = new Client({ connectionString: t.location });
    await admin.connect();
  });

  afterEach(async () => {
    await admin.end();
    await t.cleanup();
  });

  it('refuses while inserts fail (a trigger raising, as a full disk would) and recovers when they succeed', async () => {
    await admin.query(`
      CREATE TABLE audit_test_fault (failing boolean NOT NULL);
      INSERT INTO audit_test_fault VALUES (false);
      CREATE FUNCTION audit_test_raise() RETURNS trigger AS $$
      BEGIN
        IF (SELECT failing FROM audit_test_fault) THEN RAISE EXCEPTION 'could not extend file: No space left on device (simulated)'; END IF;
        RETURN NULL;
      END $$ LANGUAGE plpgsql;
      CREATE TRIGGER audit_test_raise BEFORE INSERT ON audit_ledger_niks FOR EACH STATEMENT EXECUTE FUNCTION audit_test_raise();`);
    const result = await appendUnderLoad(
      t.ledger,
      'trigger',
      async () => void (await admin.query('UPDATE audit_test_fault SET failing = true')),
      async () => void (await admin.query('UPDATE audit_test_fault SET failing = false')),
    );
    expect(String((result.refused[0]!.error as GraphQLError).originalError?.message)).toMatch(/No space left on device/);
    // The trigger fires after the head moved and the entries were inserted: all of it rolled back.
    await expectFailedClosedAndRecovered(t.db, t.ledger, result, t.publicKeys());
  });

  it('refuses while another session locks the chain head and recovers when it lets go', async () => {
    const result = await appendUnderLoad(
      t.ledger,
      'lock',
      async () => void (await admin.query('BEGIN; LOCK TABLE audit_ledger_head IN ACCESS EXCLUSIVE MODE')),
      async () => void (await admin.query('ROLLBACK')),
    );
    expect(String((result.refused[0]!.error as GraphQLError).originalError?.message)).toMatch(/(lock|statement) timeout/);
    await expectFailedClosedAndRecovered(t.db, t.ledger, result, t.publicKeys());
    // Many failed batches, one log line (the interval is 5 s): a readable log during an outage, no entry in it.
    const errors = logged.filter((line) => line.level === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]!.message).toMatch(/their operations are refused \(AUDIT_UNAVAILABLE\)/);
    expect(JSON.stringify(errors[0]!.fields)).not.toMatch(/1471\d{12}/);
  });
});

describe('an append that outlives its time limit on PostgreSQL', () => {
  const backend = LEDGER_BACKENDS.find((candidate) => candidate.name === 'PostgreSQL')!;
  const warnings: Array<{ fields: Record<string, unknown>; message: string }> = [];
  let t: OpenedLedger;
  let admin: Client;

  beforeEach(async () => {
    // The database would wait 10 s for the lock; the request waits 300 ms.
    t = await openTestLedger(backend, { appendTimeoutMs: 300, databaseTimeoutMs: 10_000, logger: { warn: (fields: never, message: string) => void warnings.push({ fields, message }), error: () => undefined } as never });
    admin = new Client({ connectionString: t.location });
    await admin.connect();
  });

  afterEach(async () => {
    await admin.end();
    await t.cleanup();
  });

  it('is refused in time; if its transaction commits later the log says so, and what never started is never written', async () => {
    await t.ledger.append(draft({ requestId: 'before' }));
    await admin.query('BEGIN; LOCK TABLE audit_ledger_head IN ACCESS EXCLUSIVE MODE');
    const started = Date.now();
    const inFlight = t.ledger.append(draft({ requestId: 'in-flight' })).catch((error: unknown) => error);
    await new Promise((resolve) => setTimeout(resolve, 50));
    // Queued behind the blocked transaction: never started.
    const queued = t.ledger.append(draft({ requestId: 'queued' })).catch((error: unknown) => error);
    expect(await inFlight).toMatchObject({ extensions: { code: 'AUDIT_UNAVAILABLE' }, originalError: { message: 'the access ledger did not commit the entry within 300 ms' } });
    expect(await queued).toMatchObject({ extensions: { code: 'AUDIT_UNAVAILABLE' } });
    expect(Date.now() - started).toBeLessThan(2000);

    await admin.query('ROLLBACK');
    await t.ledger.flush();
    const stored = (await t.db.selectFrom('audit_ledger_entries').select('request_id').orderBy('sequence').execute()).map((row) => row.request_id);
    // The refused operation released nothing, but its entry was committed: a record without data, never data without a record.
    expect(stored).toEqual(['before', 'in-flight']);
    expect(warnings).toEqual([{ fields: { entries: 1, firstSequence: 2 }, message: 'access ledger: entries were committed after their operations had been refused for taking too long' }]);
    expect((await t.ledger.append(draft({ requestId: 'after' }))).sequence).toBe(3);
  });
});
