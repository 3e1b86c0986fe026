import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCheck, type CheckArgs } from '../../../../gateway/cli/commands/check.command';
import { PUBLISH_EXIT, runPublish, type PublishArgs } from '../../../../gateway/cli/commands/publish.command';
import type { CliIo } from '../../../../gateway/cli/satu';
import { hashToken } from '../../../../gateway/registry/publisher-tokens';
import { openRegistry, type RegistryStore } from '../../../../gateway/registry/registry.store';
import { BACKENDS, IMIGRASI_SDL, imigrasiWith, smallCatalogue } from './registry-fixtures';

/**
 * The issue's bad-input list, through the command functions `satu check` and `satu publish` run:
 * each input gets a clear, specific error and leaves the registry exactly as it was. Cases already
 * covered elsewhere (check.test.ts, publish.test.ts, tests/unit/gateway/cli/registry-commands.test.ts:
 * unknown subgraph, non-http URL on publish, truncated SDL on publish, oversized file on check,
 * racing publishes over one shared connection) are not repeated here.
 */

const NOW = new Date('2026-12-15T00:00:00.000Z');
const TOKEN = 'imigrasi-token-for-bad-input-tests';
const WITH_OFFICE = imigrasiWith('number: String! @personalData(category: TRAVEL)  expiresOn: String  office: String');
const WITH_ISSUED_ON = imigrasiWith('number: String! @personalData(category: TRAVEL)  expiresOn: String  issuedOn: String');

function captureIo(): CliIo & { out: string; err: string } {
  const io = { out: '', err: '', stdout: (text: string) => void (io.out += text), stderr: (text: string) => void (io.err += text) };
  return io;
}

/** What "the registry as it was" means: every version of every subgraph, the supergraphs, the URLs. */
async function registryState(store: RegistryStore) {
  const snapshot = await store.snapshot();
  return {
    versions: Object.fromEntries(await Promise.all(snapshot.subgraphs.map(async (subgraph) => [subgraph.name, (await store.versions(subgraph.name)).map((version) => `${version.sequence}:${version.hash}`)]))),
    urls: snapshot.subgraphs.map((subgraph) => `${subgraph.name} ${subgraph.url}`),
    supergraphs: await store.supergraphCount(),
    current: snapshot.supergraph?.id,
  };
}

/**
 * Registries opened separately on one database (as two `satu publish` processes would open theirs),
 * whose publishes all wait until every one of them has finished its check: the moment two
 * publishers press enter together.
 */
function publishingTogether(stores: readonly RegistryStore[]): RegistryStore[] {
  let arrived = 0;
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  return stores.map((store) => {
    const gated = Object.create(store) as RegistryStore;
    gated.publish = async (record) => {
      arrived += 1;
      if (arrived >= stores.length) release();
      await gate;
      return store.publish(record);
    };
    return gated;
  });
}

describe('bad input to satu check and satu publish', () => {
  let dir: string;
  let store: RegistryStore;
  let cleanup: () => Promise<void>;
  let env: NodeJS.ProcessEnv;

  function schemaFile(name: string, content: string | Buffer): string {
    const file = path.join(dir, name);
    writeFileSync(file, content);
    return file;
  }

  beforeEach(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'satu-bad-input-'));
    const opened = await BACKENDS[0]!.open();
    store = await openRegistry(opened.location);
    await store.seed(smallCatalogue());
    cleanup = async () => {
      await store.close();
      await opened.cleanup();
    };
    writeFileSync(path.join(dir, 'tokens.json'), JSON.stringify({ [hashToken(TOKEN)]: { agency: 'imigrasi', publisher: 'Rina' } }));
    env = { SATU_PUBLISHER_TOKENS: path.join(dir, 'tokens.json') };
  });

  afterEach(async () => {
    await cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  async function expectRefused(command: 'check' | 'publish', args: CheckArgs & PublishArgs, message: RegExp, notMessage?: RegExp): Promise<void> {
    const before = await registryState(store);
    const io = captureIo();
    const code = command === 'check' ? await runCheck(args, io, { registry: store, now: NOW }) : await runPublish({ token: TOKEN, ...args }, io, { registry: store, env, now: NOW });
    expect(io.err).toMatch(new RegExp(`^satu ${command}: `));
    expect(io.err).toMatch(message);
    if (notMessage) expect(io.err).not.toMatch(notMessage);
    expect(io.out).toBe('');
    expect(code).toBe(2);
    expect(await registryState(store)).toEqual(before);
  }

  const BROKEN_IN_THE_MIDDLE = WITH_OFFICE.replace('type Passport {', 'type Passport {{');

  it.each(['check', 'publish'] as const)('%s: SDL broken in the middle is reported where, and not as truncated', async (command) => {
    const linesBefore = BROKEN_IN_THE_MIDDLE.slice(0, BROKEN_IN_THE_MIDDLE.indexOf('{{') + 1).split('\n');
    const [line, column] = [linesBefore.length, linesBefore.at(-1)!.length + 1];
    await expectRefused(command, { subgraph: 'imigrasi', schema: schemaFile('broken.graphql', BROKEN_IN_THE_MIDDLE) }, new RegExp(`does not parse at line ${line}, column ${column}: Syntax Error: Expected Name, found "\\{"\\.\n$`), /truncated/);
  });

  it.each([
    ['check', 'in a description', WITH_OFFICE.replace('type Passport', '"""\nA passport as SIMKIM holds it.\n"""\ntype Passport'), '"""\nA passport as SIM'],
    ['check', 'in a directive argument', WITH_OFFICE, '@personalData(category: TR'],
    ['publish', 'in the @link header', WITH_OFFICE, 'import: ["@k'],
  ] as const)('%s: SDL cut off %s says it looks truncated', async (command, _where, sdl, cutAfter) => {
    const truncated = sdl.slice(0, sdl.indexOf(cutAfter) + cutAfter.length);
    await expectRefused(command, { subgraph: 'imigrasi', schema: schemaFile('cut.graphql', truncated) }, /does not parse at line \d+, column \d+: .*it looks truncated; print it again from code \(npm run schema\)/);
  });

  it.each(['check', 'publish'] as const)('%s: a file that is not UTF-8 text is called corrupt, not a syntax error', async (command) => {
    const latin1 = Buffer.from(WITH_OFFICE.replace('String', '"Paspor Républik" String'), 'latin1');
    await expectRefused(command, { subgraph: 'imigrasi', schema: schemaFile('latin1.graphql', latin1) }, /the schema file .*latin1\.graphql is not valid UTF-8 text: it is corrupt/);
    const binary = Buffer.concat([Buffer.from(WITH_OFFICE.slice(0, 100)), Buffer.from([0, 0, 0x1f, 0x8b])]);
    await expectRefused(command, { subgraph: 'imigrasi', schema: schemaFile('binary.graphql', binary) }, /holds binary data \(a NUL byte at offset 100\): it is corrupt or not an SDL file/);
  });

  it('publish: a schema file over 5 MB', async () => {
    const huge = schemaFile('huge.graphql', `${WITH_OFFICE}\n${'#'.repeat(5 * 1024 * 1024)}\n`);
    await expectRefused('publish', { subgraph: 'imigrasi', schema: huge }, /the schema file .*huge\.graphql is 5\.0 MB; the limit is 5 MB: is it the right file\?/);
  });

  it.each([
    ['check', 'gopher://imigrasi:70/graphql', /the subgraph URL must be http or https, not gopher/],
    ['check', 'not a url', /contains a space or control character \(at position 4\)/],
    ['publish', 'http://10.0.0.2:4102/graphql\n', /contains a space or control character \(at position 29\)/],
    ['check', 'https://simkim:s3cret@10.0.0.2/graphql', /must not carry a user name or password.*give https:\/\/10\.0\.0\.2\/graphql/],
    ['publish', 'https://simkim:s3cret@10.0.0.2/graphql', /must not carry a user name or password/],
  ] as const)('%s: the URL %j', async (command, url, message) => {
    await expectRefused(command, { subgraph: 'imigrasi', schema: schemaFile('ok.graphql', WITH_OFFICE), url }, message, /s3cret/);
  });

  it.each(['check', 'publish'] as const)('%s: a usage window beyond ten years', async (command) => {
    await expectRefused(command, { subgraph: 'imigrasi', schema: schemaFile('ok.graphql', WITH_OFFICE), days: '99999999999999999999' }, /--days must be a whole number of days from 0 to 3650, not "99999999999999999999"/);
  });

  it('check: an unknown subgraph leaves the registry as it was', async () => {
    await expectRefused('check', { subgraph: 'Imigrasi', schema: schemaFile('ok.graphql', IMIGRASI_SDL) }, /there is no subgraph "Imigrasi" in the registry; registered subgraphs: dukcapil, imigrasi, samsat/);
  });
});

describe.each(BACKENDS)('two publishes of one subgraph at the same moment on $name', (backend) => {
  let dir: string;
  let stores: RegistryStore[];
  let cleanup: () => Promise<void>;
  let env: NodeJS.ProcessEnv;

  beforeEach(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'satu-publish-race-'));
    const opened = await backend.open();
    // Two connections, as two `satu publish` processes would have.
    stores = [await openRegistry(opened.location), await openRegistry(opened.location)];
    await stores[0]!.seed(smallCatalogue());
    cleanup = async () => {
      for (const store of stores) await store.close();
      await opened.cleanup();
    };
    writeFileSync(path.join(dir, 'tokens.json'), JSON.stringify({ [hashToken(TOKEN)]: { agency: 'imigrasi', publisher: 'Rina' } }));
    env = { SATU_PUBLISHER_TOKENS: path.join(dir, 'tokens.json') };
  });

  afterEach(async () => {
    await cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  it('lets one win; the other is told to re-check, nothing is lost or interleaved, and the re-check publishes on top', async () => {
    const files = [path.join(dir, 'office.graphql'), path.join(dir, 'issued-on.graphql')];
    writeFileSync(files[0]!, WITH_OFFICE);
    writeFileSync(files[1]!, WITH_ISSUED_ON);
    const racing = publishingTogether(stores);
    const ios = [captureIo(), captureIo()];
    const codes = await Promise.all(
      [0, 1].map((index) => runPublish({ subgraph: 'imigrasi', schema: files[index], token: TOKEN }, ios[index]!, { registry: racing[index], env, now: NOW })),
    );
    expect([...codes].sort()).toEqual([PUBLISH_EXIT.published, PUBLISH_EXIT.stale]);
    const winner = codes.indexOf(PUBLISH_EXIT.published);
    const loser = 1 - winner;
    expect(ios[winner]!.out).toMatch(/PUBLISHED imigrasi version 2; supergraph 2 composed\n$/);
    expect(ios[loser]!.err).toMatch(/^satu publish: the registry changed while this publish was being checked \(.+\); nothing was stored: run the check again and publish again\n$/);

    const store = stores[0]!;
    const [winnerField, loserField] = winner === 0 ? ['office', 'issuedOn'] : ['issuedOn', 'office'];
    const versions = await store.versions('imigrasi');
    expect(versions.map((version) => version.sequence)).toEqual([1, 2]);
    expect(versions[1]!.sdl).toBe(winner === 0 ? WITH_OFFICE : WITH_ISSUED_ON);
    expect(await store.supergraphCount()).toBe(2);
    const current = (await store.currentSupergraph())!;
    expect(current.members.imigrasi).toBe(versions[1]!.id);
    expect(current.apiSdl).toContain(`${winnerField}: String`);
    expect(current.apiSdl).not.toContain(`${loserField}: String`);
    // The stored change list is the winner's alone.
    const coordinates = (await store.changes(versions[1]!.id)).map((change) => change.coordinate);
    expect(coordinates).toContain(`Passport.${winnerField}`);
    expect(coordinates).not.toContain(`Passport.${loserField}`);

    // Doing as told: the re-run checks against version 2 (dropping the winner's field, which no
    // operation used, passes with a note) and publishes version 3.
    const again = captureIo();
    expect(await runPublish({ subgraph: 'imigrasi', schema: files[loser], token: TOKEN }, again, { registry: stores[loser], env, now: NOW })).toBe(PUBLISH_EXIT.published);
    expect(again.out).toMatch(/checked against version 2 and supergraph 2/);
    expect(again.out).toMatch(/PUBLISHED imigrasi version 3; supergraph 3 composed\n$/);
    expect((await store.versions('imigrasi')).map((version) => version.sequence)).toEqual([1, 2, 3]);
  });
});
