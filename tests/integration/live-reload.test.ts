import 'reflect-metadata';
import { composeServices } from '@apollo/composition';
import { spawn } from 'node:child_process';
import readline from 'node:readline';
import { existsSync, readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { parse } from 'graphql';
import pino from 'pino';
import { Query, Resolver } from 'type-graphql';
import { lastGoodFileOf, startDemo, type RunningDemo } from '../../gateway/demo/start-demo';
import { publishSubgraph } from '../../gateway/registry/publish';
import { openRegistry } from '../../gateway/registry/registry.store';
import { readLastGood } from '../../gateway/reload/last-good-file';
import { reconnectingRegistryReader, registryReaderOf } from '../../gateway/reload/registry-reader';
import type { ReloadStatus } from '../../gateway/reload/reload-status';
import { RegistrySupergraphSource } from '../../gateway/reload/registry-supergraph-source';
import { startGateway, type RunningGateway } from '../../gateway/server';
import { ContextSigner } from '../../gateway/context-signing/context-signer';
import { agencyByName } from '../../subgraphs/catalog';
import { buildSatuSubgraph } from '../../subgraphs/kit/build-subgraph';
import { startSubgraphServer, type RunningService } from '../../subgraphs/kit/subgraph-server';
import { createImigrasiClient } from '../../subgraphs/imigrasi/imigrasi.client';
import { ImigrasiCitizen } from '../../subgraphs/imigrasi/imigrasi-citizen.type';
import { createImigrasiLoaders } from '../../subgraphs/imigrasi/imigrasi.loaders';
import { PassportApplicationsResolver } from '../../subgraphs/imigrasi/passport-applications.resolver';
import { PassportsResolver } from '../../subgraphs/imigrasi/passports.resolver';
import { readGroundTruth } from '../../subgraphs/population/ground-truth';
import { writeDataDirectory } from '../../subgraphs/population/write-data-dir';
import { TempDirs } from '../support/temp-dir';
import { demoAuthHeaders } from '../support/demo-access';

/** imigrasi's next release: everything it serves today plus one root field. */
@Resolver()
class ImigrasiServiceLevelResolver {
  @Query(() => String, { description: 'Which release of the imigrasi subgraph answered.' })
  imigrasiServiceLevel(): string {
    return 'v2';
  }
}

interface Answer {
  status: number;
  body: { data?: Record<string, unknown> | null; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> };
}

const IMIGRASI = { agency: 'imigrasi', publisher: 'Rina (SIMKIM team)' };
const POLL_MS = 200;

/**
 * Live reload end to end on loopback: the demo (civil registry + imigrasi, each a real simulator
 * and subgraph, the crosscheck in-process) behind a gateway that follows its registry, while
 * imigrasi publishes new versions that point at new instances, dead ports or the wrong release.
 */
describe('the gateway follows the schema registry', () => {
  const dirs = new TempDirs();
  let dataDir: string;
  let demo: RunningDemo;
  let nik: string;
  let v1Sdl: string;
  let v1Url: string;
  let v2Sdl: string;
  const instances: Array<{ stop(): Promise<void> }> = [];

  beforeAll(async () => {
    dataDir = path.join(dirs.make('satu-live-reload-'), 'data');
    await writeDataDirectory({ out: dataDir, citizens: 200, seed: 'live-reload' });
    nik = readGroundTruth(dataDir).demoNiks.clean;
    demo = await startDemo({
      dataDir,
      host: '127.0.0.1',
      gatewayPort: 0,
      ports: 'random',
      agencies: [agencyByName('dukcapil'), agencyByName('imigrasi')],
      legacyTimeoutMs: 3000,
      agencyTimeoutMs: 4000,
      registryPollMs: POLL_MS,
      reload: { verifyTimeoutMs: 1000, refusalRetryMs: 500 },
      logger: pino({ level: 'silent' }),
    });
    v1Sdl = (await agencyByName('imigrasi').buildSchema()).sdl;
    v1Url = demo.stack.subgraphUrls().imigrasi!;
    v2Sdl = (await buildImigrasiV2()).sdl;
  }, 90_000);

  afterAll(async () => {
    await demo?.stop();
    for (const instance of instances) await instance.stop();
    dirs.removeAll();
  });

  function buildImigrasiV2() {
    return buildSatuSubgraph({
      name: 'imigrasi',
      resolvers: [PassportsResolver, PassportApplicationsResolver, ImigrasiServiceLevelResolver],
      orphanedTypes: [ImigrasiCitizen],
      referenceResolvers: { Citizen: (reference) => ({ ...reference }) },
    });
  }

  /** A second imigrasi subgraph (the next release) against the same SIMKIM simulator; counts the requests it serves. */
  async function startImigrasiV2(port = 0): Promise<RunningService & { sdl: string; requests(): number }> {
    const built = await buildImigrasiV2();
    const client = await createImigrasiClient({ endpoint: demo.stack.agencies.get('imigrasi')!.simulator.url, timeoutMs: 3000 });
    let requests = 0;
    const running = await startSubgraphServer({
      built,
      host: '127.0.0.1',
      port,
      createContext: () => {
        requests += 1;
        return { loaders: createImigrasiLoaders(client), client };
      },
    });
    const instance = {
      ...running,
      sdl: built.sdl,
      requests: () => requests,
      stop: async () => {
        await running.stop();
        client.close();
      },
    };
    instances.push(instance);
    return instance;
  }

  async function ask(query: string, variables: Record<string, unknown> = {}, url = demo.gateway.url): Promise<Answer> {
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...demoAuthHeaders(demo) }, body: JSON.stringify({ query, variables }) });
    return { status: response.status, body: (await response.json()) as Answer['body'] };
  }

  interface Readiness {
    status: string;
    unreachable: string[];
    subgraphs: Array<{ name: string; url: string; reachable: boolean }>;
    supergraph: ReloadStatus;
  }

  async function readiness(): Promise<Readiness> {
    return (await (await fetch(demo.gateway.url.replace(/\/graphql$/, '/readyz'))).json()) as Readiness;
  }

  /**
   * Publishes imigrasi through `satu publish`'s function; returns the new supergraph's sequence.
   * Going back to release 1 removes a field the earlier tests' queries used, which the gateway's
   * usage recorder has told the registry: like an operator's rollback, it carries an override reason.
   */
  async function publish(sdl: string, url: string): Promise<number> {
    const overrideReason = sdl === v1Sdl ? 'rollback to release 1 (test), signed off by the test operator' : undefined;
    const outcome = await publishSubgraph(demo.registry!, { subgraph: 'imigrasi', sdl, url, credential: IMIGRASI, overrideReason });
    if (outcome.status !== 'PUBLISHED') throw new Error(`publish ${outcome.status}: ${JSON.stringify(outcome.check.failures)}`);
    return outcome.supergraph.sequence;
  }

  /** Polls `condition` every 25 ms; returns the milliseconds it took, or throws after `timeoutMs`. */
  async function within(timeoutMs: number, condition: () => Promise<boolean> | boolean): Promise<number> {
    const started = performance.now();
    while (!(await condition())) {
      if (performance.now() - started > timeoutMs) throw new Error(`not within ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    return performance.now() - started;
  }

  const PASSPORTS = 'query($nik: NIK!) { citizen(nik: $nik) { nik fullName passports { number } } }';

  it('starts on the code\'s supergraph from the registry, verified, and keeps it as the last good', async () => {
    expect(demo.codeSync).toMatchObject({ seeded: true, supergraphSequence: 1 });
    expect(demo.gateway.reloadStatus()).toMatchObject({ source: 'registry', sequence: 1, verified: true, registry: { reachable: true, lastError: null }, lastRefused: null });
    const ready = await readiness();
    expect(ready).toMatchObject({ status: 'ready', unreachable: [], supergraph: { source: 'registry', sequence: 1, verified: true, lastRefused: null } });
    expect(readLastGood(lastGoodFileOf(dataDir))).toMatchObject({ status: 'found', lastGood: { sequence: 1, hash: demo.gateway.reloadStatus().hash } });
    const answer = await ask(PASSPORTS, { nik });
    expect(answer.body.errors).toBeUndefined();
    expect((answer.body.data?.citizen as { passports: unknown[] }).passports.length).toBeGreaterThan(0);
  });

  it('serves a newly published supergraph (a new imigrasi release on a new port) within 5 s', async () => {
    const v2 = await startImigrasiV2();
    const before = await ask('{ imigrasiServiceLevel }');
    expect(before.body.errors?.[0]?.message).toMatch(/Cannot query field "imigrasiServiceLevel"/);
    const sequence = await publish(v2.sdl, v2.url);
    const elapsed = await within(5000, async () => (await ask('{ imigrasiServiceLevel }')).body.data?.imigrasiServiceLevel === 'v2');
    expect(elapsed).toBeLessThan(5000);
    expect(demo.gateway.reloadStatus()).toMatchObject({ source: 'registry', sequence, verified: true });
    const served = v2.requests();
    const answer = await ask(PASSPORTS, { nik });
    expect(answer.body.errors).toBeUndefined();
    expect(v2.requests()).toBe(served + 1);
    expect(readLastGood(lastGoodFileOf(dataDir))).toMatchObject({ lastGood: { sequence } });
    // The in-process crosscheck follows too: its requirements come from the new supergraph, fetched from the new release.
    const check = await ask('query($nik: NIK!) { citizen(nik: $nik) { identityCheck { status comparedAgencies } } }', { nik });
    expect(check.body.errors).toBeUndefined();
    expect((check.body.data?.citizen as { identityCheck: { comparedAgencies: string[] } }).identityCheck.comparedAgencies).toContain('imigrasi');
    expect(v2.requests()).toBe(served + 2);
  });

  it('refuses a supergraph that points at a dead subgraph, keeps the working one, says why on /readyz, and takes it once the subgraph comes up', async () => {
    const working = demo.gateway.reloadStatus();
    const parked = http.createServer();
    await new Promise<void>((resolve) => parked.listen(0, '127.0.0.1', resolve));
    const port = (parked.address() as AddressInfo).port;
    await new Promise<void>((resolve) => parked.close(() => resolve()));
    const deadUrl = `http://127.0.0.1:${port}/graphql`;
    const sequence = await publish(v2Sdl, deadUrl);
    await within(5000, () => demo.gateway.reloadStatus().lastRefused?.sequence === sequence);
    const ready = await readiness();
    expect(ready.supergraph).toMatchObject({ sequence: working.sequence, hash: working.hash, lastRefused: { sequence, reason: `subgraph verification failed: imigrasi at ${deadUrl} cannot be reached (ECONNREFUSED)` } });
    expect(ready.subgraphs).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'imigrasi', reachable: true })]));
    expect((await ask(PASSPORTS, { nik })).body.errors).toBeUndefined();

    // The agency brings the release up at the published address: after the back-off it is served.
    const late = await startImigrasiV2(port);
    await within(5000, () => demo.gateway.reloadStatus().sequence === sequence);
    expect(demo.gateway.reloadStatus().lastRefused).toBeNull();
    const served = late.requests();
    expect((await ask(PASSPORTS, { nik })).body.errors).toBeUndefined();
    expect(late.requests()).toBe(served + 1);
  });

  it('refuses a supergraph whose subgraph serves another SDL than the one published for it', async () => {
    const working = demo.gateway.reloadStatus();
    // The v2 instance at this URL serves v2; the publish says it serves v1.
    const currentUrl = demo.gateway.subgraphs.find((subgraph) => subgraph.name === 'imigrasi')!.url;
    const sequence = await publish(v1Sdl, currentUrl);
    await within(5000, () => demo.gateway.reloadStatus().lastRefused?.sequence === sequence);
    expect(demo.gateway.reloadStatus()).toMatchObject({
      sequence: working.sequence,
      lastRefused: { sequence, reason: expect.stringMatching(new RegExp(`^subgraph verification failed: imigrasi at ${currentUrl} serves a different SDL than its published version \\d+ \\(line \\d+: `)) },
    });
    expect((await readiness()).supergraph.lastRefused?.sequence).toBe(sequence);
    expect((await ask('{ imigrasiServiceLevel }')).body.data?.imigrasiServiceLevel).toBe('v2');
  });

  it('lets an in-flight slow request finish on the old supergraph while the new one is taken', async () => {
    const old = demo.gateway.reloadStatus();
    const oldInstanceUrl = demo.gateway.subgraphs.find((subgraph) => subgraph.name === 'imigrasi')!.url;
    const oldInstance = instances.find((instance) => (instance as unknown as RunningService).url === oldInstanceUrl) as unknown as { requests(): number };
    const dukcapil = demo.stack.agencies.get('dukcapil')!.simulator;
    dukcapil.setFaults({ delayMinMs: 1500, delayMaxMs: 1500 });
    try {
      const requestsBefore = oldInstance.requests();
      // imigrasiServiceLevel exists only in the old supergraph; passports are fetched after the slow civil registry answers.
      const inFlight = ask('query($nik: NIK!) { imigrasiServiceLevel citizen(nik: $nik) { nik passports { number } identityCheck { status } } }', { nik });
      await new Promise((resolve) => setTimeout(resolve, 100));
      const sequence = await publish(v1Sdl, v1Url);
      await within(1300, () => demo.gateway.reloadStatus().sequence === sequence);
      const answeredAt = Date.now();
      const answer = await inFlight;
      expect(answer.status).toBe(200);
      expect(answer.body.errors).toBeUndefined();
      expect(answer.body.data?.imigrasiServiceLevel).toBe('v2');
      expect((answer.body.data?.citizen as { passports: unknown[] }).passports.length).toBeGreaterThan(0);
      // Its passports came from the old supergraph's imigrasi, after the switch had happened.
      expect(Date.parse(demo.gateway.reloadStatus().loadedAt)).toBeLessThanOrEqual(answeredAt);
      expect(oldInstance.requests()).toBeGreaterThanOrEqual(requestsBefore + 2);
      const afterInFlight = oldInstance.requests();
      dukcapil.setFaults({ delayMinMs: 0, delayMaxMs: 0 });
      expect((await ask('{ imigrasiServiceLevel }')).body.errors?.[0]?.message).toMatch(/Cannot query field "imigrasiServiceLevel"/);
      expect((await ask(PASSPORTS, { nik })).body.errors).toBeUndefined();
      expect(oldInstance.requests()).toBe(afterInFlight);
      expect(old.sequence).not.toBe(sequence);
    } finally {
      dukcapil.setFaults({ delayMinMs: 0, delayMaxMs: 0 });
    }
  });

  it('refuses a supergraph the gateway cannot load, though it composes', async () => {
    const working = demo.gateway.reloadStatus();
    const registry = demo.registry!;
    const snapshot = await registry.snapshot();
    // A supergraph no check would let through (Apollo's @authenticated), written as a broken or
    // newer registry might: it composes, and the gateway refuses to load it.
    const flagged = v2Sdl.replace('"@key",', '"@key", "@authenticated",').replace('imigrasiServiceLevel: String!', 'imigrasiServiceLevel: String! @authenticated');
    expect(flagged).toContain('String! @authenticated');
    const members = snapshot.subgraphs.filter((subgraph) => subgraph.name !== 'imigrasi' && subgraph.version);
    const composed = composeServices([...members.map((member) => ({ name: member.name, url: member.version!.url, typeDefs: parse(member.version!.sdl) })), { name: 'imigrasi', url: v1Url, typeDefs: parse(flagged) }]);
    expect(composed.errors).toBeUndefined();
    const imigrasi = snapshot.subgraphs.find((subgraph) => subgraph.name === 'imigrasi')!;
    const { supergraph } = await registry.publish({
      subgraph: 'imigrasi',
      sdl: flagged,
      url: v1Url,
      publisher: 'a registry with no checks',
      checkResults: {},
      overrideReason: null,
      expectedPreviousVersionId: imigrasi.version!.id,
      expectedSupergraphId: snapshot.supergraph!.id,
      changes: [],
      // @authenticated does not change what clients see: the API schema stays the current one.
      supergraph: { sdl: composed.supergraphSdl!, apiSdl: snapshot.supergraph!.apiSdl, members: Object.fromEntries(members.map((member) => [member.name, member.version!.id])) },
    });
    await within(5000, () => demo.gateway.reloadStatus().lastRefused?.sequence === supergraph.sequence);
    expect(demo.gateway.reloadStatus()).toMatchObject({
      sequence: working.sequence,
      hash: working.hash,
      lastRefused: { reason: expect.stringMatching(/^the gateway cannot load this supergraph: .*authenticated.* is for: SECURITY but is unsupported/) },
    });
    expect((await ask(PASSPORTS, { nik })).body.errors).toBeUndefined();
    // Put a loadable supergraph back on top for the tests after this one.
    const sequence = await publish(v1Sdl, v1Url);
    await within(5000, () => demo.gateway.reloadStatus().sequence === sequence);
  });

  it('reloads under load with zero failed requests (8 clients, publishing while they ask)', async () => {
    const v2 = await startImigrasiV2();
    const deadline = performance.now() + 8000;
    let stop = false;
    const failures: string[] = [];
    let answered = 0;
    const client = async (): Promise<void> => {
      while (!stop && performance.now() < deadline) {
        try {
          const answer = await ask(PASSPORTS, { nik });
          if (answer.status !== 200 || answer.body.errors) failures.push(`${answer.status} ${JSON.stringify(answer.body.errors)}`);
          answered += 1;
        } catch (error) {
          failures.push((error as Error).message);
        }
      }
    };
    const clients = Array.from({ length: 8 }, () => client());
    const switches: number[] = [];
    try {
      for (const [sdl, url] of [[v2.sdl, v2.url], [v1Sdl, v1Url], [v2.sdl, v2.url]] as const) {
        await new Promise((resolve) => setTimeout(resolve, 400));
        const sequence = await publish(sdl, url);
        await within(5000, () => demo.gateway.reloadStatus().sequence === sequence);
        switches.push(sequence);
      }
      await new Promise((resolve) => setTimeout(resolve, 400));
    } finally {
      stop = true;
      await Promise.all(clients);
    }
    expect(switches).toHaveLength(3);
    expect(failures).toEqual([]);
    expect(answered).toBeGreaterThan(50);
    expect(v2.requests()).toBeGreaterThan(0);
  }, 30_000);

  describe('another gateway on the same data', () => {
    let other: RunningGateway | undefined;

    afterEach(async () => {
      await other?.stop();
      other = undefined;
    });

    it('starts from the last-good file when the registry is unavailable, and says so', async () => {
      const lastGood = readLastGood(lastGoodFileOf(dataDir));
      if (lastGood.status !== 'found') throw new Error('no last-good file');
      const source = new RegistrySupergraphSource({
        registry: reconnectingRegistryReader(() => openRegistry('postgres://satu@127.0.0.1:1/unreachable')),
        lastGoodFile: lastGoodFileOf(dataDir),
        pollIntervalMs: 60_000,
        logger: pino({ level: 'silent' }),
      });
      other = await startGateway({ supergraph: source, access: demo.access, contextSigner: new ContextSigner(demo.contextKeys), host: '127.0.0.1', port: 0, agencyTimeoutMs: 3000, logger: pino({ level: 'silent' }) });
      expect(other.reloadStatus()).toMatchObject({ source: 'last-good', sequence: lastGood.lastGood.sequence, hash: lastGood.lastGood.hash, registry: { reachable: false, lastError: expect.stringMatching(/registry migration|ECONNREFUSED|connect/) } });
      expect((await ask(PASSPORTS, { nik }, other.url)).body.errors).toBeUndefined();
    });

    it('starts from the static fallback on a fresh install (empty registry, no last good)', async () => {
      const freshDir = dirs.make('satu-fresh-install-');
      const fresh = await openRegistry(path.join(freshDir, 'registry.sqlite'));
      try {
        const fallbackSdl = demo.gateway.supergraphSdl();
        const source = new RegistrySupergraphSource({
          registry: registryReaderOf(fresh),
          lastGoodFile: path.join(freshDir, 'last-good-supergraph.graphql'),
          fallback: { sdl: fallbackSdl, description: 'schema/supergraph.graphql' },
          pollIntervalMs: 60_000,
          logger: pino({ level: 'silent' }),
        });
        other = await startGateway({ supergraph: source, access: demo.access, contextSigner: new ContextSigner(demo.contextKeys), host: '127.0.0.1', port: 0, agencyTimeoutMs: 3000, logger: pino({ level: 'silent' }) });
        expect(other.reloadStatus()).toMatchObject({ source: 'file', sequence: null, registry: { reachable: true } });
        expect(other.supergraphSdl()).toBe(fallbackSdl);
        expect((await ask(PASSPORTS, { nik }, other.url)).body.errors).toBeUndefined();
        expect(existsSync(path.join(freshDir, 'last-good-supergraph.graphql'))).toBe(false);
      } finally {
        await other?.stop();
        other = undefined;
        await fresh.close();
      }
    });
  });

  it('follows the same registry from the command line (npm run gateway -- --registry), taking a publish', async () => {
    const dist = path.resolve(__dirname, '../../dist');
    const lastGood = path.join(dirs.make('satu-cli-last-good-'), 'last-good.graphql');
    const child = spawn(process.execPath, [path.join(dist, 'gateway/cli/gateway.js'), '--registry', '--last-good', lastGood, '--port', '0', '--host', '127.0.0.1'], {
      // The demo's public keys, so the demo's tokens are good at this gateway too.
      env: { ...process.env, SATU_LOG_LEVEL: 'silent', SATU_DATABASE_URL: path.join(dataDir, 'registry.sqlite'), SATU_REGISTRY_POLL_MS: String(POLL_MS), SATU_JWKS_FILE: demo.access.control.demo!.jwksFile, SATU_CONTEXT_SIGNING_KEY_FILE: demo.contextKeys.signingKeyFile },
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    try {
      const ready = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no ready line; stderr: ${stderr}`)), 30_000);
        child.once('exit', (code) => reject(new Error(`exited ${code}; stderr: ${stderr}`)));
        readline.createInterface({ input: child.stdout }).on('line', (line) => {
          if (!line.startsWith('Satu gateway ready at ')) return;
          clearTimeout(timer);
          resolve(line);
        });
      });
      const sequence = demo.gateway.reloadStatus().sequence;
      expect(ready).toMatch(new RegExp(`; from registry, supergraph ${sequence}\\)$`));
      const url = ready.split(' ')[4] ?? '';
      expect((await ask(PASSPORTS, { nik }, url)).body.errors).toBeUndefined();
      expect(readLastGood(lastGood)).toMatchObject({ status: 'found', lastGood: { sequence } });
      // A new instance at a new URL: the CLI's gateway switches to it and keeps it as its last good.
      const fresh = await startImigrasiV2();
      const next = await publish(fresh.sdl, fresh.url);
      await within(5000, () => {
        const read = readLastGood(lastGood);
        return read.status === 'found' && read.lastGood.sequence === next;
      });
      const served = fresh.requests();
      expect((await ask(PASSPORTS, { nik }, url)).body.errors).toBeUndefined();
      expect(fresh.requests()).toBe(served + 1);
    } finally {
      const exited = new Promise((resolve) => (child.exitCode !== null ? resolve(undefined) : child.once('exit', resolve)));
      child.kill('SIGTERM');
      await exited;
    }
  }, 40_000);

  it('left the last good supergraph on disk as the one being served', async () => {
    await within(5000, () => readLastGood(lastGoodFileOf(dataDir)).status === 'found' && demo.gateway.reloadStatus().sequence === (readLastGood(lastGoodFileOf(dataDir)) as { lastGood: { sequence: number } }).lastGood.sequence);
    const lastGood = readLastGood(lastGoodFileOf(dataDir));
    expect(lastGood).toMatchObject({ status: 'found', lastGood: { sequence: demo.gateway.reloadStatus().sequence } });
    expect(readFileSync(lastGoodFileOf(dataDir), 'utf8')).toBe(demo.gateway.supergraphSdl());
  });
});
