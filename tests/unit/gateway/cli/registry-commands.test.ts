import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCheck } from '../../../../gateway/cli/commands/check.command';
import { PUBLISH_EXIT, runPublish } from '../../../../gateway/cli/commands/publish.command';
import { runSatu, type CliIo } from '../../../../gateway/cli/satu';
import { hashToken } from '../../../../gateway/registry/publisher-tokens';
import type { RegistryStore } from '../../../../gateway/registry/registry.store';
import { BACKENDS, IMIGRASI_SDL, imigrasiWith, openSeededRegistry, withPublishBarrier } from '../registry/registry-fixtures';

const NOW = new Date('2026-12-15T00:00:00.000Z');

function captureIo(): CliIo & { out: string; err: string } {
  const io = { out: '', err: '', stdout: (text: string) => void (io.out += text), stderr: (text: string) => void (io.err += text) };
  return io;
}

describe('satu check and satu publish', () => {
  let dir: string;
  let store: RegistryStore;
  let close: () => Promise<void>;
  let env: NodeJS.ProcessEnv;
  const IMIGRASI_TOKEN = 'imigrasi-token-for-tests';
  const SAMSAT_TOKEN = 'samsat-token-for-tests';

  function schemaFile(name: string, sdl: string): string {
    const file = path.join(dir, name);
    writeFileSync(file, sdl);
    return file;
  }

  async function versions(): Promise<number> {
    return (await store.versions('imigrasi')).length;
  }

  beforeEach(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'satu-cli-registry-'));
    ({ store, close } = await openSeededRegistry(BACKENDS[0]!));
    const tokens = {
      [hashToken(IMIGRASI_TOKEN)]: { agency: 'imigrasi', publisher: 'Rina' },
      [hashToken(SAMSAT_TOKEN)]: { agency: 'samsat', publisher: 'Budi' },
    };
    writeFileSync(path.join(dir, 'tokens.json'), JSON.stringify(tokens));
    writeFileSync(path.join(dir, 'imigrasi.token'), `${IMIGRASI_TOKEN}\n`);
    env = { SATU_PUBLISHER_TOKENS: path.join(dir, 'tokens.json') };
  });

  afterEach(async () => {
    await close();
    rmSync(dir, { recursive: true, force: true });
  });

  describe('check', () => {
    it('exits 0 and prints a readable report for a passing candidate', async () => {
      const io = captureIo();
      const file = schemaFile('imigrasi.graphql', imigrasiWith('number: String! @personalData(category: TRAVEL)  expiresOn: String  office: String'));
      expect(await runCheck({ subgraph: 'imigrasi', schema: file }, io, { registry: store, now: NOW })).toBe(0);
      expect(io.out).toMatch(/^PASS {2}imigrasi \(imigrasi\), candidate sha256 [0-9a-f]{12}, checked against version 1 and supergraph 1\n/);
      expect(io.out).toMatch(/Changes clients see \(1\):\n {2}SAFE {6}Passport\.office/);
      expect(io.err).toBe('');
    });

    it('exits 1 with JSON on a failing candidate (a breaking change in use)', async () => {
      await store.recordUsage([{ operationHash: 'op', coordinate: 'Passport.expiresOn', client: 'kiosk' }], '2026-12-14T00:00:00.000Z');
      const io = captureIo();
      const file = schemaFile('imigrasi.graphql', imigrasiWith('number: String! @personalData(category: TRAVEL)'));
      expect(await runCheck({ subgraph: 'imigrasi', schema: file, json: true }, io, { registry: store, now: NOW })).toBe(1);
      const result = JSON.parse(io.out);
      expect(result).toMatchObject({ passed: false, subgraph: 'imigrasi', apiChanges: [{ criticality: 'BREAKING', coordinate: 'Passport.expiresOn', usage: [{ clients: ['kiosk'] }] }] });
      expect(await runCheck({ subgraph: 'imigrasi', schema: file, json: true, days: '0' }, captureIo(), { registry: store, now: NOW })).toBe(0);
    });

    it.each([
      ['a missing option', { subgraph: 'imigrasi' }, /give the subgraph and its candidate schema/],
      ['a missing file', { subgraph: 'imigrasi', schema: '/nonexistent/x.graphql' }, /cannot read the schema file .*no such file/],
      ['SDL that does not parse', { subgraph: 'imigrasi', file: 'type {' }, /does not parse at line 1, column 6/],
      ['an unknown subgraph', { subgraph: 'pdam', file: IMIGRASI_SDL }, /no subgraph "pdam"/],
      ['a bad --days', { subgraph: 'imigrasi', file: IMIGRASI_SDL, days: 'thirty' }, /--days must be a whole number/],
    ])('exits 2 on %s', async (_name, args: { subgraph?: string; schema?: string; file?: string; days?: string }, message) => {
      const io = captureIo();
      const schema = args.file !== undefined ? schemaFile('candidate.graphql', args.file) : args.schema;
      expect(await runCheck({ subgraph: args.subgraph, schema, days: args.days }, io, { registry: store, now: NOW })).toBe(2);
      expect(io.err).toMatch(message);
      expect(io.out).toBe('');
    });

    it('exits 2 on a schema file over 5 MB without reading it', async () => {
      const io = captureIo();
      const file = schemaFile('huge.graphql', `${IMIGRASI_SDL}\n${'#'.repeat(5 * 1024 * 1024)}\n`);
      expect(await runCheck({ subgraph: 'imigrasi', schema: file }, io, { registry: store })).toBe(2);
      expect(io.err).toMatch(/is 5\.0 MB; the limit is 5 MB/);
    });

    it('is registered with satu, whose usage errors exit 2', async () => {
      const io = captureIo();
      expect(await runSatu(['check'], io)).toBe(2);
      expect(io.err).toMatch(/satu check: give the subgraph/);
      expect(await runSatu(['publish', '--bogus'], captureIo())).toBe(2);
      const help = captureIo();
      expect(await runSatu(['--help'], help)).toBe(0);
      expect(help.out).toMatch(/check .*\n[\s\S]*publish /);
    });
  });

  describe('publish', () => {
    it('publishes with a token file and reports the new version and supergraph', async () => {
      const io = captureIo();
      const file = schemaFile('imigrasi.graphql', imigrasiWith('number: String! @personalData(category: TRAVEL)  expiresOn: String  office: String'));
      const code = await runPublish({ subgraph: 'imigrasi', schema: file, token: path.join(dir, 'imigrasi.token'), url: 'https://imigrasi.mpp.example/graphql' }, io, { registry: store, env, now: NOW });
      expect(io.err).toBe('');
      expect(code).toBe(PUBLISH_EXIT.published);
      expect(io.out).toMatch(/PUBLISHED imigrasi version 2; supergraph 2 composed\n$/);
      expect(await versions()).toBe(2);
    });

    it('refuses failing checks (exit 1) and publishes with --override, recording the reason (JSON)', async () => {
      const file = schemaFile('imigrasi.graphql', imigrasiWith('number: String! @personalData(category: TRAVEL)  expiresOn: String  holder: String @personalData(category: IDENTITY)'));
      const refused = captureIo();
      expect(await runPublish({ subgraph: 'imigrasi', schema: file, token: IMIGRASI_TOKEN }, refused, { registry: store, env, now: NOW })).toBe(PUBLISH_EXIT.refused);
      expect(refused.out).toMatch(/REFUSED: the checks failed.*nothing stored/);
      expect(await versions()).toBe(1);
      const io = captureIo();
      expect(await runPublish({ subgraph: 'imigrasi', schema: file, token: IMIGRASI_TOKEN, override: 'DPO sign-off 2026/41', json: true }, io, { registry: store, env, now: NOW })).toBe(0);
      expect(JSON.parse(io.out)).toMatchObject({ status: 'PUBLISHED', overridden: true, version: { sequence: 2 }, check: { passed: false, privacyChanges: [{ kind: 'ADDED', coordinate: 'Passport.holder' }] } });
      expect((await store.currentVersion('imigrasi'))?.overrideReason).toBe('DPO sign-off 2026/41');
    });

    it.each([
      ["another agency's token", { token: SAMSAT_TOKEN }, PUBLISH_EXIT.forbidden, /Budi publishes for samsat, but subgraph imigrasi belongs to imigrasi/],
      ['an unknown token', { token: 'guess' }, PUBLISH_EXIT.forbidden, /publisher token is not known/],
      ['a URL that is not http(s)', { url: 'gopher://imigrasi' }, PUBLISH_EXIT.badInput, /must be http or https, not gopher/],
      ['an empty override reason', { override: ' ' }, PUBLISH_EXIT.badInput, /--override needs a reason/],
      ['an unknown subgraph', { subgraph: 'pdam' }, PUBLISH_EXIT.badInput, /no subgraph "pdam"/],
      ['truncated SDL', { sdl: IMIGRASI_SDL.slice(0, 300) }, PUBLISH_EXIT.badInput, /looks truncated/],
      ['a missing token', { token: '' }, PUBLISH_EXIT.badInput, /--token FILE_OR_TOKEN/],
    ])('refuses %s with a clear message and leaves the registry as it was', async (_name, overrides: { token?: string; url?: string; override?: string; subgraph?: string; sdl?: string }, exitCode, message) => {
      const io = captureIo();
      const file = schemaFile('imigrasi.graphql', overrides.sdl ?? imigrasiWith('number: String! @personalData(category: TRAVEL)  expiresOn: String  office: String'));
      const args = { subgraph: overrides.subgraph ?? 'imigrasi', schema: file, token: overrides.token ?? IMIGRASI_TOKEN, url: overrides.url, override: overrides.override };
      expect(await runPublish(args, io, { registry: store, env, now: NOW })).toBe(exitCode);
      expect(io.err).toMatch(message);
      expect(await versions()).toBe(1);
      expect(await store.supergraphCount()).toBe(1);
    });

    it('tells the loser of two simultaneous publishes to check again (exit 4)', async () => {
      const a = schemaFile('a.graphql', imigrasiWith('number: String! @personalData(category: TRAVEL)  expiresOn: String  office: String'));
      const b = schemaFile('b.graphql', imigrasiWith('number: String! @personalData(category: TRAVEL)  expiresOn: String  issuedOn: String'));
      const ios = [captureIo(), captureIo()];
      const racing = withPublishBarrier(store, 2);
      const codes = await Promise.all([
        runPublish({ subgraph: 'imigrasi', schema: a, token: IMIGRASI_TOKEN }, ios[0]!, { registry: racing, env, now: NOW }),
        runPublish({ subgraph: 'imigrasi', schema: b, token: IMIGRASI_TOKEN }, ios[1]!, { registry: racing, env, now: NOW }),
      ]);
      expect([...codes].sort()).toEqual([PUBLISH_EXIT.published, PUBLISH_EXIT.stale]);
      expect(ios[codes.indexOf(PUBLISH_EXIT.stale)]!.err).toMatch(/satu publish: the registry changed while this publish was being checked .* run the check again/);
      expect(await versions()).toBe(2);
    });

    it('writes demo tokens on demand: hashes in the token file, the tokens themselves owner-only', async () => {
      const tokensFile = path.join(dir, 'demo', 'publisher-tokens.json');
      const io = captureIo();
      expect(await runPublish({ initDemoTokens: true }, io, { registry: store, env: { SATU_PUBLISHER_TOKENS: tokensFile } })).toBe(0);
      const hashed = JSON.parse(readFileSync(tokensFile, 'utf8')) as Record<string, { agency: string }>;
      const secretsFile = path.join(dir, 'demo', 'publisher-tokens.demo.txt');
      const lines = readFileSync(secretsFile, 'utf8').trim().split('\n');
      expect(lines.map((line) => line.split(' ')[0])).toEqual(['dukcapil', 'imigrasi', 'samsat']);
      expect(statSync(secretsFile).mode & 0o777).toBe(0o600);
      const imigrasiToken = lines[1]!.split(' ')[1]!;
      expect(hashed[hashToken(imigrasiToken)]).toMatchObject({ agency: 'imigrasi' });
      expect(JSON.stringify(hashed)).not.toContain(imigrasiToken);
    });
  });
});
