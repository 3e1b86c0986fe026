import { Command, CommanderError } from 'commander';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { AccessLedger } from '../../../../gateway/audit/access-ledger';
import { openLedgerDatabase } from '../../../../gateway/audit/ledger-database';
import { loadOrCreateLedgerSigner } from '../../../../gateway/audit/ledger-signing-key';
import { auditCommand, runAuditExport, runAuditVerify } from '../../../../gateway/cli/commands/audit.command';
import type { CliIo } from '../../../../gateway/cli/satu';
import { TempDirs } from '../../../support/temp-dir';
import { draft, LEDGER_BACKENDS, NIK_A, NIK_B, NIK_C, openTestLedger, type OpenedLedger } from './ledger-fixtures';

function bufferIo(): CliIo & { out: string; err: string } {
  const io = { out: '', err: '', stdout: (text: string) => void (io.out += text), stderr: (text: string) => void (io.err += text) };
  return io;
}

describe.each(LEDGER_BACKENDS)('satu audit on $name', (backend) => {
  let t: OpenedLedger;
  const dirs = new TempDirs();
  const env = {};

  beforeEach(async () => {
    t = await openTestLedger(backend, { checkpointEveryEntries: 4 });
    const at = (minute: number) => new Date(Date.UTC(2026, 11, 5, 3, minute));
    await t.ledger.append(draft({ time: at(0), clientId: 'counter-1', argumentNiks: [NIK_A], answerNiks: [NIK_A, NIK_B], coordinates: ['Citizen.familyCard', 'Query.citizen'] }));
    await t.ledger.append(draft({ time: at(1), clientId: '<img src=x onerror=alert(1)>', purpose: 'vehicle-tax', argumentNiks: [NIK_B], answerNiks: [NIK_B], agencies: ['dukcapil', 'samsat'] }));
    for (let minute = 2; minute < 6; minute += 1) await t.ledger.append(draft({ time: at(minute), argumentNiks: [NIK_A], answerNiks: [NIK_A] }));
    await t.ledger.append(draft({ time: at(7), clientId: 'social-office', purpose: 'social-assistance', argumentNiks: [NIK_B], answerNiks: [NIK_B], outcome: 'REFUSED', errorCodes: ['FORBIDDEN'] }));
    // 7 entries; checkpoints at 4 (sealing 1-4); 5-7 chained, not yet sealed.
  });

  afterEach(async () => {
    await t.cleanup();
    dirs.removeAll();
  });

  const flags = () => ({ database: t.location, publicKey: [t.signer.publicKeyFile] });

  it('verify: exit 0 and a summary when the chain is intact; --json gives the report', async () => {
    const io = bufferIo();
    expect(await runAuditVerify(flags(), io, { env })).toBe(0);
    expect(io.out).toBe(
      'access ledger: INTACT: 7 entries, hash chain unbroken from 1 to 7\n' +
        `  1 signed checkpoint verified (key ${t.signer.keyId}); the last seals entries up to 4, signed ${(await t.db.selectFrom('audit_ledger_checkpoints').select('created_at').executeTakeFirstOrThrow()).created_at}\n` +
        '  3 newer entries are chained but not yet sealed by a checkpoint\n',
    );
    const json = bufferIo();
    expect(await runAuditVerify({ ...flags(), json: true }, json, { env })).toBe(0);
    expect(JSON.parse(json.out)).toMatchObject({ ok: true, entries: 7, lastSequence: 7, checkpoints: 1, unsealedEntries: 3, problem: null });
  });

  it('verify: exit 1 naming the first bad entry', async () => {
    await t.db.updateTable('audit_ledger_entries').set({ client_id: 'someone-else' }).where('sequence', '=', 3).execute();
    const io = bufferIo();
    expect(await runAuditVerify(flags(), io, { env })).toBe(1);
    expect(io.out).toMatch(/^access ledger: BROKEN at entry 3 \(content-changed\)\n  entry 3 was changed after it was written/);
    expect(io.out).toContain('entries 1 to 2 verified before it');
  });

  it('verify: exit 2 for a missing or wrong key file and for a database without a ledger', async () => {
    const missingKey = bufferIo();
    expect(await runAuditVerify({ database: t.location, publicKey: ['/nonexistent/key.pem'] }, missingKey, { env })).toBe(2);
    expect(missingKey.err).toBe('satu audit verify: cannot read the public key file /nonexistent/key.pem: no such file\n');

    const notAKey = path.join(dirs.make('satu-audit-'), 'key.pem');
    writeFileSync(notAKey, 'hello');
    const wrong = bufferIo();
    expect(await runAuditVerify({ database: t.location, publicKey: [notAKey] }, wrong, { env })).toBe(2);
    expect(wrong.err).toMatch(/is not a PEM public key/);

    await t.db.schema.dropTable('audit_ledger_head').execute();
    const noLedger = bufferIo();
    expect(await runAuditVerify(flags(), noLedger, { env })).toBe(2);
    expect(noLedger.err).toMatch(/^satu audit verify: no access ledger in .*: is it the gateway's database\? The gateway creates the ledger when it starts\n$/);
  });

  it("export: the citizen's record as JSON and self-contained HTML, every read and its chain status", async () => {
    const out = path.join(dirs.make('satu-export-'), 'records', 'nested');
    const io = bufferIo();
    const now = new Date('2026-12-06T00:00:00.000Z');
    expect(await runAuditExport({ ...flags(), nik: NIK_B, out }, io, { env, now })).toBe(0);
    expect(io.out).toBe(`3 recorded accesses to ${NIK_B}; audit chain INTACT\n  ${path.join(out, `processing-record-${NIK_B}.json`)}\n  ${path.join(out, `processing-record-${NIK_B}.html`)}\n`);

    const record = JSON.parse(readFileSync(path.join(out, `processing-record-${NIK_B}.json`), 'utf8'));
    expect(record).toMatchObject({ nik: NIK_B, generatedAt: '2026-12-06T00:00:00.000Z', chain: { status: 'INTACT', entriesVerified: 7, lastSequence: 7, sealedThrough: 4, checkpointKeyIds: [t.signer.keyId], problem: null }, unreadableEntries: 0 });
    expect(record.entries).toEqual([
      expect.objectContaining({ sequence: 1, time: '2026-12-05T03:00:00.000Z', clientId: 'counter-1', purpose: 'passport-application', fields: ['Citizen.familyCard', 'Query.citizen'], inArguments: false, inAnswer: true, verification: 'SEALED' }),
      expect.objectContaining({ sequence: 2, purpose: 'vehicle-tax', agencies: ['dukcapil', 'samsat'], inArguments: true, verification: 'SEALED' }),
      expect.objectContaining({ sequence: 7, clientId: 'social-office', purpose: 'social-assistance', outcome: 'REFUSED', errorCodes: ['FORBIDDEN'], verification: 'CHAINED' }),
    ]);

    const html = readFileSync(path.join(out, `processing-record-${NIK_B}.html`), 'utf8');
    expect(html).toMatch(/^<!DOCTYPE html>\n<html lang="id">/);
    expect(html).toContain('Catatan Pemrosesan Data Pribadi');
    expect(html).toContain('UTUH / INTACT');
    expect(html).toContain('social-assistance');
    expect(html).toContain('Terantai, belum tersegel / Chained, not yet sealed');
    // Self-contained: nothing fetched from anywhere, no script; and data is escaped, never markup.
    expect(html).not.toMatch(/<script|<link|<img|<iframe|url\(|https?:\/\//i);
    expect(html).not.toMatch(/<[^>]*\s(src|href)=/i);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(readdirSync(out).sort()).toEqual([`processing-record-${NIK_B}.html`, `processing-record-${NIK_B}.json`]);
  });

  it('export: an unknown NIK still gets its (empty) record', async () => {
    const out = dirs.make('satu-export-');
    const io = bufferIo();
    expect(await runAuditExport({ ...flags(), nik: NIK_C, out }, io, { env })).toBe(0);
    expect(JSON.parse(readFileSync(path.join(out, `processing-record-${NIK_C}.json`), 'utf8'))).toMatchObject({ nik: NIK_C, entries: [], chain: { status: 'INTACT' } });
    expect(readFileSync(path.join(out, `processing-record-${NIK_C}.html`), 'utf8')).toContain('Tidak ada akses tercatat untuk NIK ini. / No access to this NIK is recorded.');
  });

  it('export: exit 1 on a broken chain, the record still written with the entries it cannot vouch for marked', async () => {
    await t.db.deleteFrom('audit_ledger_entries').where('sequence', '=', 5).execute();
    const out = dirs.make('satu-export-');
    const io = bufferIo();
    expect(await runAuditExport({ ...flags(), nik: NIK_B, out }, io, { env })).toBe(1);
    expect(io.err).toContain('the ledger\'s chain is broken from entry 5: entry 5 is missing (deleted?)');
    const record = JSON.parse(readFileSync(path.join(out, `processing-record-${NIK_B}.json`), 'utf8'));
    expect(record.chain).toMatchObject({ status: 'BROKEN', problem: { kind: 'sequence-gap', sequence: 5 } });
    expect(record.entries.map((entry: { sequence: number; verification: string }) => [entry.sequence, entry.verification])).toEqual([
      [1, 'SEALED'],
      [2, 'SEALED'],
      [7, 'UNVERIFIED'],
    ]);
    expect(readFileSync(path.join(out, `processing-record-${NIK_B}.html`), 'utf8')).toContain('RUSAK / BROKEN');
  });

  it.each([
    ['147110040596000', 'NIK must have exactly 16 digits, got 15'],
    ['14711004059600011', 'NIK must have exactly 16 digits, got 17'],
    ['１４７１１００４０５９６０００１', 'NIK must contain only the digits 0-9; character 1 is not one'],
    ["1471100405960001'; DELETE FROM audit_ledger_entries; --", 'NIK must contain only the digits 0-9; character 17 is not one'],
    ['1471103205960001', 'NIK birth date: digits 7-12 (320596) are not a real date'],
  ])('export: refuses the malformed NIK %j with exit 2 and writes nothing', async (nik, message) => {
    const out = path.join(dirs.make('satu-export-'), 'out');
    const io = bufferIo();
    expect(await runAuditExport({ ...flags(), nik, out }, io, { env })).toBe(2);
    expect(io.err).toContain(`satu audit export: --nik: ${message}`);
    expect(existsSync(out)).toBe(false);
  });

  it('export: exit 2 for a directory it cannot write into, and for missing options', async () => {
    const file = path.join(dirs.make('satu-export-'), 'a-file');
    writeFileSync(file, 'x');
    const io = bufferIo();
    expect(await runAuditExport({ ...flags(), nik: NIK_A, out: path.join(file, 'records') }, io, { env })).toBe(2);
    expect(io.err).toBe(`satu audit export: cannot write the record into ${path.join(file, 'records')}: a file is in the way (it, or a folder above it, is not a directory); give a directory with --out\n`);
    const missing = bufferIo();
    expect(await runAuditExport({ ...flags(), out: file }, missing, { env })).toBe(2);
    expect(missing.err).toMatch(/^satu audit export: give the citizen's NIK and where to write the record: --nik NIK --out DIR/);
  });
});

describe('satu audit: defaults and the command line', () => {
  const dirs = new TempDirs();
  afterAll(() => dirs.removeAll());

  /** The gateway's layout: the SQLite database and the signing key side by side in one data directory. */
  async function gatewayDataDir(): Promise<string> {
    const dir = dirs.make('satu-audit-data-');
    const db = await openLedgerDatabase(path.join(dir, 'gateway.sqlite'));
    const ledger = await AccessLedger.open({ db, signer: loadOrCreateLedgerSigner(dir) });
    await ledger.append(draft());
    await ledger.close();
    await db.destroy();
    return dir;
  }

  /** satu.ts's runSatu, as far as it matters here: usage errors come back as CommanderError. */
  async function satu(argv: string[], io: CliIo): Promise<number> {
    let exitCode = 0;
    const program = new Command().exitOverride().configureOutput({ writeOut: io.stdout, writeErr: io.stderr });
    auditCommand.register(program, io, (code) => (exitCode = code));
    try {
      await program.parseAsync(argv, { from: 'user' });
    } catch (error) {
      if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
      throw error;
    }
    return exitCode;
  }

  it('finds the database in SATU_DATABASE_URL and the public key beside it', async () => {
    const dir = await gatewayDataDir();
    const io = bufferIo();
    expect(await runAuditVerify({}, io, { env: { SATU_DATABASE_URL: path.join(dir, 'gateway.sqlite') } })).toBe(0);
    expect(io.out).toMatch(/^access ledger: INTACT: 1 entries/);
  });

  it('runs as `satu audit verify` and `satu audit export`, with repeatable --public-key', async () => {
    const dir = await gatewayDataDir();
    const database = path.join(dir, 'gateway.sqlite');
    const key = path.join(dir, 'access-ledger-signing.pub.pem');
    const io = bufferIo();
    expect(await satu(['audit', 'verify', '--database', database, '--public-key', key, '--public-key', key, '--json'], io)).toBe(0);
    expect(JSON.parse(io.out)).toMatchObject({ ok: true, entries: 1 });
    const out = path.join(dir, 'records');
    expect(await satu(['audit', 'export', '--database', database, '--public-key', key, '--nik', NIK_A, '--out', out], bufferIo())).toBe(0);
    expect(readdirSync(out)).toHaveLength(2);
  });

  it('reports an unknown option as a usage error (exit 2), and a database that is not there', async () => {
    const io = bufferIo();
    expect(await satu(['audit', 'verify', '--frobnicate'], io)).toBe(2);
    expect(io.err).toMatch(/unknown option '--frobnicate'/);
    const bare = bufferIo();
    expect(await satu(['audit'], bare)).toBe(2);
    expect(bare.out + bare.err).toMatch(/verify[\s\S]*export/);
    const missing = bufferIo();
    const nowhere = path.join(dirs.make('satu-audit-'), 'nowhere.sqlite');
    expect(await runAuditVerify({ database: nowhere, publicKey: [path.join(await gatewayDataDir(), 'access-ledger-signing.pub.pem')] }, missing, { env: {} })).toBe(2);
    expect(missing.err).toBe(`satu audit verify: there is no database at ${nowhere}: give the gateway's database (--database or SATU_DATABASE_URL)\n`);
    expect(existsSync(nowhere)).toBe(false);
  });
});
