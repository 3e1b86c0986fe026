import { GraphQLError } from 'graphql';
import { AccessLedger } from '../../../../gateway/audit/access-ledger';
import { openLedgerDatabase } from '../../../../gateway/audit/ledger-database';
import { GENESIS_HASH } from '../../../../gateway/audit/ledger-entry';
import { LedgerReader, verifyStoredLedger } from '../../../../gateway/audit/ledger-reader';
import { entryOfRow } from '../../../../gateway/audit/ledger-rows';
import { loadOrCreateLedgerSigner, readLedgerPublicKeys } from '../../../../gateway/audit/ledger-signing-key';
import { TempDirs } from '../../../support/temp-dir';
import { draft, LEDGER_BACKENDS, NIK_A, NIK_B, openTestLedger, type OpenedLedger } from './ledger-fixtures';

async function allRows(ledger: OpenedLedger) {
  return ledger.db.selectFrom('audit_ledger_entries').selectAll().orderBy('sequence').execute();
}

describe.each(LEDGER_BACKENDS)('access ledger on $name', (backend) => {
  const opened: OpenedLedger[] = [];
  const dirs = new TempDirs();

  async function open(options: Parameters<typeof openTestLedger>[1] = {}): Promise<OpenedLedger> {
    const ledger = await openTestLedger(backend, options);
    opened.push(ledger);
    return ledger;
  }

  afterEach(async () => {
    for (const ledger of opened.splice(0)) await ledger.cleanup();
    dirs.removeAll();
  });

  it('commits each entry with the next sequence, linked to the previous hash, and verify accepts the chain', async () => {
    const t = await open();
    const first = await t.ledger.append(draft({ requestId: 'r-1', argumentNiks: [NIK_B, NIK_A, NIK_A], coordinates: ['Query.citizen', 'Citizen.fullName'] }));
    const second = await t.ledger.append(draft({ requestId: 'r-2', outcome: 'PARTIAL', errorCodes: ['AGENCY_TIMEOUT'] }));
    expect([first.sequence, second.sequence]).toEqual([1, 2]);

    const [one, two] = (await allRows(t)).map(entryOfRow);
    expect(one).toMatchObject({ sequence: 1, requestId: 'r-1', previousHash: GENESIS_HASH, hash: first.hash, argumentNiks: [NIK_B, NIK_A], coordinates: ['Citizen.fullName', 'Query.citizen'] });
    expect(two).toMatchObject({ sequence: 2, previousHash: first.hash, hash: second.hash, outcome: 'PARTIAL', errorCodes: ['AGENCY_TIMEOUT'] });
    expect(await new LedgerReader(t.db).head()).toEqual({ sequence: 2, hash: second.hash });

    await t.ledger.checkpointNow();
    const report = await verifyStoredLedger(t.db, t.publicKeys());
    expect(report).toMatchObject({ ok: true, entries: 2, lastSequence: 2, headHash: second.hash, checkpoints: 1, unsealedEntries: 0, keyIds: [t.signer.keyId], problem: null });
  });

  it('keeps one gap-free chain under 400 concurrent appends, committed in far fewer transactions', async () => {
    const t = await open({ checkpointEveryEntries: 100 });
    const receipts = await Promise.all(Array.from({ length: 400 }, (_, index) => t.ledger.append(draft({ requestId: `concurrent-${index}` }))));
    expect(receipts.map((receipt) => receipt.sequence).sort((a, b) => a - b)).toEqual(Array.from({ length: 400 }, (_, index) => index + 1));
    const stats = t.ledger.stats();
    expect(stats.committedEntries).toBe(400);
    expect(stats.committedBatches).toBeLessThan(40);
    expect(stats.failedBatches).toBe(0);

    const rows = await allRows(t);
    expect(new Set(rows.map((row) => row.request_id)).size).toBe(400);
    const checkpoints = await t.db.selectFrom('audit_ledger_checkpoints').select('up_to_sequence').orderBy('up_to_sequence').execute();
    // One per 100 entries, made at the end of the commit that reaches them.
    expect(checkpoints.length).toBeGreaterThanOrEqual(1);
    expect(checkpoints.length).toBeLessThanOrEqual(4);
    const report = await verifyStoredLedger(t.db, t.publicKeys(), { pageSize: 37 });
    expect(report).toMatchObject({ ok: true, entries: 400, lastSequence: 400 });
    expect(report.checkpoints).toBe(checkpoints.length);
  });

  it('takes appends that arrive while a commit runs into the next transaction (group commit)', async () => {
    const t = await open({ flushDelayMs: 0 });
    const firstWave = t.ledger.append(draft({ requestId: 'alone' }));
    // The commit starts at the end of this turn of the event loop; these are queued while it runs.
    await new Promise((resolve) => setImmediate(resolve));
    const secondWave = Array.from({ length: 50 }, (_, index) => t.ledger.append(draft({ requestId: `wave-${index}` })));
    await Promise.all([firstWave, ...secondWave]);
    expect(t.ledger.stats()).toMatchObject({ committedEntries: 51, committedBatches: 2, largestBatch: 50 });
  });

  it('signs a checkpoint every N entries and, when entries trickle in, after T has passed', async () => {
    // The cadence counts from the ledger's creation (the migration's real clock), so start there.
    let now = new Date();
    const start = now.toISOString();
    const t = await open({ checkpointEveryEntries: 5, checkpointEveryMs: 60_000, now: () => now });
    for (let index = 0; index < 4; index += 1) await t.ledger.append(draft());
    const checkpoints = () => t.db.selectFrom('audit_ledger_checkpoints').selectAll().orderBy('up_to_sequence').execute();
    expect(await checkpoints()).toEqual([]);
    await t.ledger.append(draft());
    expect((await checkpoints()).map((row) => Number(row.up_to_sequence))).toEqual([5]);

    await t.ledger.append(draft());
    now = new Date(now.getTime() + 61_000);
    await t.ledger.append(draft());
    const made = await checkpoints();
    expect(made.map((row) => [Number(row.up_to_sequence), row.created_at, row.key_id])).toEqual([
      [5, start, t.signer.keyId],
      [7, new Date(Date.parse(start) + 61_000).toISOString(), t.signer.keyId],
    ]);
    expect((await verifyStoredLedger(t.db, t.publicKeys())).checkpoints).toBe(2);
  });

  it('seals an idle chain from its timer, and not again while nothing is new', async () => {
    const t = await open({ checkpointEveryEntries: 1000, checkpointEveryMs: 300 });
    await Promise.all([t.ledger.append(draft()), t.ledger.append(draft())]);
    const count = async () => (await t.db.selectFrom('audit_ledger_checkpoints').select('up_to_sequence').execute()).map((row) => Number(row.up_to_sequence));
    const deadline = Date.now() + 3000;
    while ((await count()).length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await count()).toEqual([2]);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(await count()).toEqual([2]);
  });

  it('refuses an invalid draft with AUDIT_UNAVAILABLE naming the field in the cause, and writes nothing', async () => {
    const t = await open();
    const refusal = await t.ledger.append(draft({ argumentNiks: ['14711004059600011'] })).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(GraphQLError);
    expect(refusal).toMatchObject({ extensions: { code: 'AUDIT_UNAVAILABLE' }, message: expect.not.stringContaining('1471') });
    expect((refusal as GraphQLError).originalError?.message).toMatch(/argumentNiks holds "14711004059600011", which is not a NIK of 16 digits/);
    await expect(t.ledger.append(draft({ outcome: 'MAYBE' as never }))).rejects.toMatchObject({ originalError: { message: expect.stringMatching(/outcome must be one of OK, PARTIAL, REFUSED, ERROR/) } });
    expect(await allRows(t)).toEqual([]);
    await t.ledger.append(draft());
    expect((await allRows(t)).map((row) => Number(row.sequence))).toEqual([1]);
  });

  it('commits what is waiting and seals the chain on close, then refuses appends', async () => {
    const t = await open({ flushDelayMs: 50 });
    const waiting = Array.from({ length: 3 }, () => t.ledger.append(draft()));
    await t.ledger.close();
    await expect(Promise.all(waiting)).resolves.toHaveLength(3);
    const sealed = await t.db.selectFrom('audit_ledger_checkpoints').select('up_to_sequence').execute();
    expect(sealed.map((row) => Number(row.up_to_sequence))).toEqual([3]);
    await expect(t.ledger.append(draft())).rejects.toMatchObject({ extensions: { code: 'AUDIT_UNAVAILABLE' }, originalError: { message: 'the access ledger is closed' } });
  });

  it('refuses at once beyond the backlog bound instead of queueing without limit', async () => {
    const t = await open({ maxPendingEntries: 5, flushDelayMs: 100 });
    const results = await Promise.allSettled(Array.from({ length: 8 }, () => t.ledger.append(draft())));
    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled', 'fulfilled', 'fulfilled', 'rejected', 'rejected', 'rejected']);
    expect((results[7] as PromiseRejectedResult).reason).toMatchObject({ extensions: { code: 'AUDIT_UNAVAILABLE' }, originalError: { message: expect.stringMatching(/5 ledger entries are already waiting/) } });
  });

  it('lets two ledgers (two gateway processes) on one database append concurrently to one chain without forks', async () => {
    // Small batches, so the two processes' transactions must take turns on the head many times.
    const t = await open({ checkpointEveryEntries: 10_000, maxBatchEntries: 25 });
    const keyDir = dirs.make('satu-ledger-second-key-');
    // PostgreSQL: a pool of its own, as another process would have. SQLite: the same connection,
    // because two better-sqlite3 connections in one thread deadlock (a busy wait blocks the thread
    // the lock holder needs); processes on one SQLite file serialize on its write lock the same way.
    const secondDb = backend.name === 'PostgreSQL' ? await openLedgerDatabase(t.location) : t.db;
    const secondSigner = loadOrCreateLedgerSigner(keyDir);
    const second = await AccessLedger.open({ db: secondDb, signer: secondSigner, checkpointEveryEntries: 10_000, maxBatchEntries: 25 });
    try {
      const appends = Array.from({ length: 300 }, (_, index) => [
        t.ledger.append(draft({ requestId: `one-${index}`, clientId: 'gateway-one' })),
        second.append(draft({ requestId: `two-${index}`, clientId: 'gateway-two' })),
      ]).flat();
      const receipts = await Promise.all(appends);
      const sequences = receipts.map((receipt) => receipt.sequence).sort((a, b) => a - b);
      expect(sequences).toEqual(Array.from({ length: 600 }, (_, index) => index + 1));
      const rows = await allRows(t);
      expect(rows.length).toBe(600);
      expect(rows.filter((row) => row.client_id === 'gateway-one').length).toBe(300);
      const turns = rows.filter((row, index) => index > 0 && row.client_id !== rows[index - 1]!.client_id).length;
      expect(turns).toBeGreaterThanOrEqual(3);
      // Both processes' batches interleave in one chain, and both signed checkpoints.
      const keys = readLedgerPublicKeys([t.signer.publicKeyFile, secondSigner.publicKeyFile]);
      expect(await t.ledger.checkpointNow()).toMatchObject({ upToSequence: 600, keyId: t.signer.keyId });
      await second.append(draft({ clientId: 'gateway-two' }));
      expect(await second.checkpointNow()).toMatchObject({ upToSequence: 601, keyId: secondSigner.keyId });
      const report = await verifyStoredLedger(t.db, keys);
      expect(report).toMatchObject({ ok: true, entries: 601, lastSequence: 601, unsealedEntries: 0 });
      expect(new Set((await t.db.selectFrom('audit_ledger_checkpoints').select('key_id').execute()).map((row) => row.key_id))).toEqual(new Set([t.signer.keyId, secondSigner.keyId]));
      // With only one gateway's key, the other's checkpoints cannot be vouched for.
      const oneKey = await verifyStoredLedger(t.db, t.publicKeys());
      expect(oneKey.problem?.kind).toBe('checkpoint-unknown-key');
    } finally {
      await second.close();
      if (secondDb !== t.db) await secondDb.destroy();
    }
  });

  it('keeps the NIK index and the hourly field usage in step with the entries', async () => {
    const t = await open();
    await t.ledger.append(draft({ argumentNiks: [NIK_A], answerNiks: [NIK_A, NIK_B], coordinates: ['Citizen.familyCard', 'Query.citizen'] }));
    const niks = await t.db.selectFrom('audit_ledger_niks').selectAll().orderBy('nik').execute();
    expect(niks.map((row) => [row.nik, Number(row.sequence), Number(row.in_arguments), Number(row.in_answer)])).toEqual([
      [NIK_B, 1, 0, 1],
      [NIK_A, 1, 1, 1],
    ]);

    // Two more in one batch, one in another hour and one earlier in the same hour (gateways' clocks and batches interleave).
    const at = (time: string) => new Date(time);
    await t.ledger.append(draft({ time: at('2026-12-05T08:40:00Z'), coordinates: ['Query.citizen'] }));
    await Promise.all([
      t.ledger.append(draft({ time: at('2026-12-05T08:10:00Z'), coordinates: ['Query.citizen'] })),
      t.ledger.append(draft({ time: at('2026-12-05T08:20:00Z'), coordinates: ['Query.citizen'] })),
      t.ledger.append(draft({ time: at('2026-12-05T09:05:00Z'), coordinates: ['Query.citizen'], clientId: 'other-client' })),
    ]);
    const usage = await t.db.selectFrom('audit_ledger_field_usage').select(['client_id', 'hour', 'count', 'last_at']).where('coordinate', '=', 'Query.citizen').where('hour', '>=', '2026-12-05T08').where('hour', '<', '2026-12-06').orderBy('hour').orderBy('client_id').execute();
    expect(usage.map((row) => [row.client_id, row.hour, Number(row.count), row.last_at])).toEqual([
      ['frontend-mpp-counter', '2026-12-05T08', 3, '2026-12-05T08:40:00.000Z'],
      ['other-client', '2026-12-05T09', 1, '2026-12-05T09:05:00.000Z'],
    ]);
  });
});
