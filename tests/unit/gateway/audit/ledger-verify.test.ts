import { generateKeyPairSync, sign } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { checkpointPayload } from '../../../../gateway/audit/checkpoint';
import { chainEntry, entryContentOf, entryHash, GENESIS_HASH, type LedgerEntry } from '../../../../gateway/audit/ledger-entry';
import { verifyStoredLedger } from '../../../../gateway/audit/ledger-reader';
import { checkpointRow, entryOfRow, entryRow } from '../../../../gateway/audit/ledger-rows';
import { loadOrCreateLedgerSigner, readLedgerPublicKeys } from '../../../../gateway/audit/ledger-signing-key';
import type { LedgerCheckpointsTable, LedgerEntriesTable } from '../../../../gateway/audit/ledger-tables';
import { verifyLedgerRows } from '../../../../gateway/audit/ledger-verify';
import { TempDirs } from '../../../support/temp-dir';
import { draft, LEDGER_BACKENDS, openTestLedger, type OpenedLedger } from './ledger-fixtures';

describe.each(LEDGER_BACKENDS)('verify finds tampering on $name', (backend) => {
  let t: OpenedLedger;
  const dirs = new TempDirs();

  /** 33 entries, one per transaction, a checkpoint at 10, 20 and 30. */
  beforeEach(async () => {
    t = await openTestLedger(backend, { checkpointEveryEntries: 10 });
    for (let index = 1; index <= 33; index += 1) await t.ledger.append(draft({ requestId: `entry-${index}`, purpose: index % 2 ? 'passport-application' : 'vehicle-tax' }));
    const sealed = await t.db.selectFrom('audit_ledger_checkpoints').select('up_to_sequence').orderBy('up_to_sequence').execute();
    expect(sealed.map((row) => Number(row.up_to_sequence))).toEqual([10, 20, 30]);
  });

  afterEach(async () => {
    await t.cleanup();
    dirs.removeAll();
  });

  const verify = () => verifyStoredLedger(t.db, t.publicKeys(), { pageSize: 8 });
  const entry = async (sequence: number): Promise<LedgerEntry> => entryOfRow(await t.db.selectFrom('audit_ledger_entries').selectAll().where('sequence', '=', sequence).executeTakeFirstOrThrow());
  async function replaceRow(sequence: number, row: LedgerEntriesTable): Promise<void> {
    await t.db.updateTable('audit_ledger_entries').set({ ...row, sequence }).where('sequence', '=', sequence).execute();
  }

  it('accepts the untouched ledger: 33 entries, 3 checkpoints, 3 entries not yet sealed', async () => {
    expect(await verify()).toMatchObject({ ok: true, entries: 33, lastSequence: 33, checkpoints: 3, lastCheckpoint: { upToSequence: 30, keyId: t.signer.keyId }, unsealedEntries: 3, problem: null });
  });

  it('names a row whose content was changed', async () => {
    await t.db.updateTable('audit_ledger_entries').set({ purpose: 'social-assistance' }).where('sequence', '=', 17).execute();
    expect(await verify()).toMatchObject({ ok: false, entries: 16, lastSequence: 16, problem: { kind: 'content-changed', sequence: 17, message: expect.stringMatching(/^entry 17 was changed after it was written/) } });
  });

  it('names a deleted row', async () => {
    await t.db.deleteFrom('audit_ledger_entries').where('sequence', '=', 12).execute();
    expect((await verify()).problem).toEqual({ kind: 'sequence-gap', sequence: 12, message: 'entry 12 is missing (deleted?): the chain goes from 11 to 13' });
  });

  it('names rows that were swapped', async () => {
    const [fourteen, fifteen] = [await entry(14), await entry(15)];
    await t.db.deleteFrom('audit_ledger_entries').where('sequence', 'in', [14, 15]).execute();
    await t.db.insertInto('audit_ledger_entries').values([{ ...entryRow(fifteen), sequence: 14 }, { ...entryRow(fourteen), sequence: 15 }]).execute();
    expect((await verify()).problem).toEqual({ kind: 'reordered', sequence: 14, message: 'the row at sequence 14 holds the entry written as sequence 15: rows were swapped or renumbered' });
  });

  it('names the entry after one that was changed and re-hashed (the link to it breaks)', async () => {
    const changed = { ...(await entry(17)), clientId: 'someone-else' };
    await replaceRow(17, entryRow({ ...changed, hash: entryHash(changed) }));
    expect((await verify()).problem).toMatchObject({ kind: 'link-broken', sequence: 18, message: expect.stringContaining('entry 17 was changed and re-hashed') });
  });

  it('catches a chain rewritten and re-hashed from an entry on, through the signed checkpoint after it', async () => {
    let previous = (await entry(16)).hash;
    for (let sequence = 17; sequence <= 33; sequence += 1) {
      const original = await entry(sequence);
      const rewritten = chainEntry({ ...original, purpose: sequence === 17 ? 'marketing' : original.purpose }, sequence, previous);
      await replaceRow(sequence, entryRow(rewritten));
      previous = rewritten.hash;
    }
    await t.db.updateTable('audit_ledger_head').set({ hash: previous }).execute();
    expect((await verify()).problem).toMatchObject({ kind: 'checkpoint-mismatch', sequence: 11, checkpoint: 20, message: expect.stringContaining('entries from 11 to 20 were rewritten and re-hashed') });
  });

  it('names a checkpoint whose head hash was altered (its signature no longer verifies)', async () => {
    await t.db.updateTable('audit_ledger_checkpoints').set({ head_hash: (await entry(19)).hash }).where('up_to_sequence', '=', 20).execute();
    expect((await verify()).problem).toEqual({ kind: 'checkpoint-signature', sequence: 11, checkpoint: 20, message: `the checkpoint sealing 20 does not carry a valid signature of key ${t.signer.keyId}: it was forged or altered` });
  });

  it('names a checkpoint forged with another key, whether it claims the real key id or its own', async () => {
    const forger = generateKeyPairSync('ed25519').privateKey;
    const forged = loadOrCreateLedgerSigner(dirs.make('satu-forger-'));
    const head20 = (await entry(20)).hash;
    const claimed = { upToSequence: 20, headHash: head20, createdAt: new Date().toISOString(), keyId: t.signer.keyId };
    const signature = sign(null, Buffer.from(checkpointPayload(claimed)), forger).toString('base64');
    await t.db.updateTable('audit_ledger_checkpoints').set({ signature }).where('up_to_sequence', '=', 20).execute();
    expect((await verify()).problem).toMatchObject({ kind: 'checkpoint-signature', checkpoint: 20 });

    const own = { ...claimed, keyId: forged.keyId };
    await t.db.updateTable('audit_ledger_checkpoints').set(checkpointRow({ ...own, signature: forged.sign(checkpointPayload(own)) })).where('up_to_sequence', '=', 20).execute();
    expect((await verify()).problem).toMatchObject({ kind: 'checkpoint-unknown-key', sequence: 11, checkpoint: 20, message: expect.stringContaining(`signed by key ${forged.keyId}, which is not among the public keys given (${t.signer.keyId})`) });
  });

  it('names entries cut off the end that a checkpoint had sealed', async () => {
    await t.db.deleteFrom('audit_ledger_entries').where('sequence', '>=', 26).execute();
    await t.db.updateTable('audit_ledger_head').set({ sequence: 25, hash: (await entry(25)).hash }).execute();
    expect((await verify()).problem).toEqual({ kind: 'checkpoint-beyond-end', sequence: 26, checkpoint: 30, message: 'a checkpoint seals the chain up to 30, but it ends at 25: entries 26 to 30 were deleted' });
  });

  it('names unsealed entries cut off the end through the head row', async () => {
    await t.db.deleteFrom('audit_ledger_entries').where('sequence', '>=', 32).execute();
    expect((await verify()).problem).toEqual({ kind: 'head-mismatch', sequence: 32, message: "the chain's head says it ends at 33, but the last entry is 31: entries 32 to 33 were deleted" });
  });

  it('names a row holding something the ledger never writes', async () => {
    await t.db.updateTable('audit_ledger_entries').set({ coordinates: 'Citizen.fullName' }).where('sequence', '=', 5).execute();
    expect((await verify()).problem).toEqual({ kind: 'malformed-row', sequence: 5, message: 'entry 5: column coordinates is not JSON' });
  });

  it('verifies the same with one row per page as with the default pages', async () => {
    await t.db.updateTable('audit_ledger_entries').set({ latency_ms: 1 }).where('sequence', '=', 31).execute();
    const small = await verifyStoredLedger(t.db, t.publicKeys(), { pageSize: 1 });
    const large = await verifyStoredLedger(t.db, t.publicKeys());
    expect(small).toEqual(large);
    expect(small.problem).toMatchObject({ kind: 'content-changed', sequence: 31 });
    expect(small).toMatchObject({ checkpoints: 3, unsealedEntries: 0 });
  });

  it('works offline from the database and the public key file alone', async () => {
    const copyOfKey = path.join(dirs.make('satu-auditor-'), 'gateway.pub.pem');
    writeFileSync(copyOfKey, readLedgerPublicKeys([t.signer.publicKeyFile]).get(t.signer.keyId)!.export({ type: 'spki', format: 'pem' }));
    expect((await verifyStoredLedger(t.db, readLedgerPublicKeys([copyOfKey]))).ok).toBe(true);
  });
});

describe('verifyLedgerRows (pure)', () => {
  const dirs = new TempDirs();
  afterAll(() => dirs.removeAll());

  function chain(length: number): { rows: LedgerEntriesTable[]; checkpoints: LedgerCheckpointsTable[]; keys: ReturnType<typeof readLedgerPublicKeys> } {
    const signer = loadOrCreateLedgerSigner(dirs.make('satu-pure-'));
    const rows: LedgerEntriesTable[] = [];
    let previous = GENESIS_HASH;
    for (let sequence = 1; sequence <= length; sequence += 1) {
      const entry = chainEntry(entryContentOf(draft({ requestId: `pure-${sequence}` }), new Date(Date.UTC(2026, 11, 5, 8, 0, sequence))), sequence, previous);
      rows.push(entryRow(entry));
      previous = entry.hash;
    }
    const unsigned = { upToSequence: length, headHash: previous, createdAt: '2026-12-05T09:00:00.000Z', keyId: signer.keyId };
    return { rows, checkpoints: [checkpointRow({ ...unsigned, signature: signer.sign(checkpointPayload(unsigned)) })], keys: readLedgerPublicKeys([signer.publicKeyFile]) };
  }

  it('accepts a chain given in order, and an empty one', () => {
    const { rows, checkpoints, keys } = chain(5);
    expect(verifyLedgerRows(rows, checkpoints, keys)).toMatchObject({ ok: true, entries: 5, checkpoints: 1, unsealedEntries: 0 });
    expect(verifyLedgerRows([], [], keys)).toEqual({ ok: true, entries: 0, lastSequence: 0, headHash: GENESIS_HASH, checkpoints: 0, lastCheckpoint: null, unsealedEntries: 0, keyIds: [], problem: null });
  });

  it('names rows given out of order or twice', () => {
    const { rows, checkpoints, keys } = chain(5);
    expect(verifyLedgerRows([rows[0]!, rows[2]!, rows[1]!], checkpoints, keys).problem).toMatchObject({ kind: 'sequence-gap', sequence: 2 });
    expect(verifyLedgerRows([rows[0]!, rows[1]!, rows[1]!], checkpoints, keys).problem).toEqual({ kind: 'sequence-order', sequence: 2, message: 'entry 2 comes after entry 2: rows are duplicated or out of order' });
  });

  it('names a first entry that does not start from the genesis value', () => {
    const { rows, keys } = chain(2);
    const replaced = chainEntry(entryContentOf(draft()), 1, 'f'.repeat(64));
    expect(verifyLedgerRows([entryRow(replaced), rows[1]!], [], keys).problem).toMatchObject({ kind: 'link-broken', sequence: 1, message: expect.stringContaining('the first entry was replaced') });
  });

  it('names two checkpoints claiming the same sequence', () => {
    const { rows, checkpoints, keys } = chain(3);
    expect(verifyLedgerRows(rows, [checkpoints[0]!, checkpoints[0]!], keys).problem).toMatchObject({ kind: 'checkpoint-order', sequence: 3 });
  });
});
