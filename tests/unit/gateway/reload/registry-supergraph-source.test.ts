import path from 'node:path';
import { readLastGood, writeLastGood } from '../../../../gateway/reload/last-good-file';
import { RegistrySupergraphSource } from '../../../../gateway/reload/registry-supergraph-source';
import { sha256 } from '../../../../gateway/registry/registry.store';
import { composeSupergraph } from '../../../../schema/compose';
import { REGISTRY_STAND_IN_SDL } from '../../../support/registry-stand-in';
import { TempDirs } from '../../../support/temp-dir';
import { candidateOf, deadUrl, FakeRegistry, silentLogger, standInWith, startSdlServer, type SdlServer } from './reload-fixtures';

/** What the gateway's update callback saw. */
class FakeGateway {
  updates: string[] = [];
  failNext: Error | null = null;

  readonly update = (sdl: string): void => {
    this.updates.push(sdl);
    if (this.failNext) {
      const error = this.failNext;
      this.failNext = null;
      throw error;
    }
  };
}

describe('following the registry', () => {
  const dirs = new TempDirs();
  let registry: FakeRegistry;
  let gateway: FakeGateway;
  let subgraph: SdlServer;
  let lastGoodFile: string;
  let cleanups: Array<() => Promise<void>>;
  const FALLBACK = composeSupergraph([{ name: 'dukcapil', url: 'http://127.0.0.1:9/graphql', sdl: REGISTRY_STAND_IN_SDL }]).supergraphSdl;

  beforeEach(async () => {
    registry = new FakeRegistry();
    gateway = new FakeGateway();
    subgraph = await startSdlServer(REGISTRY_STAND_IN_SDL);
    lastGoodFile = path.join(dirs.make('satu-reload-'), 'last-good-supergraph.graphql');
    cleanups = [];
  });

  afterEach(async () => {
    for (const cleanup of cleanups) await cleanup();
    await subgraph.close();
  });

  afterAll(() => dirs.removeAll());

  /** Starts a source the way ApolloGateway does; a long poll interval so each test polls with checkNow(). */
  async function start(options: { accept?: (sdl: string) => void; fallback?: boolean; refusalRetryMs?: number } = {}) {
    const source = new RegistrySupergraphSource({
      registry,
      lastGoodFile,
      fallback: options.fallback === false ? undefined : { sdl: FALLBACK, description: 'test fallback' },
      pollIntervalMs: 3_600_000,
      verifyTimeoutMs: 500,
      refusalRetryMs: options.refusalRetryMs ?? 60_000,
      logger: silentLogger,
    });
    const manager = source.manager(options.accept ?? (() => undefined));
    const result = await manager.initialize({ update: gateway.update, healthCheck: async () => undefined, getDataSource: () => undefined as never });
    cleanups.push(result.cleanup!);
    return { source, served: result.supergraphSdl };
  }

  describe('at start-up', () => {
    it('serves the registry\'s current supergraph when its subgraphs verify, and saves it as the last good', async () => {
      registry.current = candidateOf(4, subgraph.url);
      const { source, served } = await start();
      expect(served).toBe(registry.current.sdl);
      expect(source.status()).toMatchObject({ source: 'registry', sequence: 4, hash: registry.current.hash, verified: true, registry: { reachable: true, lastError: null }, lastRefused: null });
      expect(readLastGood(lastGoodFile)).toMatchObject({ status: 'found', lastGood: { sequence: 4, hash: registry.current.hash, sdl: registry.current.sdl } });
    });

    it('serves the last-good file when the registry cannot be read, and says so', async () => {
      const lastGood = candidateOf(3, subgraph.url);
      writeLastGood(lastGoodFile, lastGood);
      registry.failing = new Error('connect ECONNREFUSED 127.0.0.1:5432');
      const { source, served } = await start();
      expect(served).toBe(lastGood.sdl);
      expect(source.status()).toMatchObject({ source: 'last-good', sequence: 3, registry: { reachable: false, lastError: 'connect ECONNREFUSED 127.0.0.1:5432' } });
    });

    it('serves the fallback file on a fresh install (empty registry, no last good)', async () => {
      const { source, served } = await start();
      expect(served).toBe(FALLBACK);
      expect(source.status()).toMatchObject({ source: 'file', sequence: null, hash: sha256(FALLBACK), registry: { reachable: true } });
      expect(readLastGood(lastGoodFile)).toEqual({ status: 'missing' });
    });

    it('serves the fallback file when the registry is unreachable and there is no last good', async () => {
      registry.failing = new Error('database is locked');
      const { source, served } = await start();
      expect(served).toBe(FALLBACK);
      expect(source.status()).toMatchObject({ source: 'file', registry: { reachable: false, lastError: 'database is locked' } });
    });

    it('refuses to start with nothing to serve, saying what it tried', async () => {
      registry.failing = new Error('no such table');
      await expect(start({ fallback: false })).rejects.toThrow(/no supergraph to serve: the registry cannot be read \(no such table\), there is no usable last-good file at .*last-good-supergraph\.graphql, and no fallback/);
    });

    it('prefers an older last good to a current supergraph that fails verification', async () => {
      writeLastGood(lastGoodFile, candidateOf(3, subgraph.url));
      registry.current = candidateOf(4, await deadUrl());
      const { source } = await start();
      expect(source.status()).toMatchObject({ source: 'last-good', sequence: 3, lastRefused: { sequence: 4, reason: expect.stringMatching(/dukcapil at .* cannot be reached/) } });
    });

    it('serves a current supergraph that fails verification, marked unverified, when there is nothing else, and marks it verified once it passes', async () => {
      subgraph.serve({ sdl: standInWith('births: Int') });
      registry.current = candidateOf(4, subgraph.url);
      const { source, served } = await start({ refusalRetryMs: 100 });
      expect(served).toBe(registry.current.sdl);
      expect(source.status()).toMatchObject({ source: 'registry', sequence: 4, verified: false, lastRefused: null });
      expect(readLastGood(lastGoodFile)).toEqual({ status: 'missing' });
      subgraph.serve({ sdl: REGISTRY_STAND_IN_SDL });
      await new Promise((resolve) => setTimeout(resolve, 150));
      await source.checkNow();
      expect(source.status()).toMatchObject({ source: 'registry', sequence: 4, verified: true });
      expect(readLastGood(lastGoodFile)).toMatchObject({ status: 'found', lastGood: { sequence: 4 } });
      expect(gateway.updates).toEqual([]);
    });

    it('skips a current supergraph the gateway cannot load, even with nothing else but the fallback', async () => {
      registry.current = candidateOf(4, subgraph.url);
      const { source, served } = await start({ accept: (sdl) => {
        if (sdl === registry.current?.sdl) throw new Error('cannot build the in-process crosscheck subgraph');
      } });
      expect(served).toBe(FALLBACK);
      expect(source.status()).toMatchObject({ source: 'file', lastRefused: { sequence: 4, reason: 'cannot build the in-process crosscheck subgraph' } });
    });
  });

  describe('while running', () => {
    it('switches to a newly published supergraph whose subgraphs verify, and makes it the last good', async () => {
      registry.current = candidateOf(1, subgraph.url);
      const { source } = await start();
      const second = await startSdlServer(standInWith('births: Int'));
      cleanups.push(() => second.close());
      registry.current = candidateOf(2, second.url, standInWith('births: Int'));
      await source.checkNow();
      expect(gateway.updates).toEqual([registry.current.sdl]);
      expect(source.status()).toMatchObject({ source: 'registry', sequence: 2, hash: registry.current.hash, verified: true, lastRefused: null });
      expect(readLastGood(lastGoodFile)).toMatchObject({ status: 'found', lastGood: { sequence: 2 } });
      await source.checkNow();
      expect(gateway.updates).toHaveLength(1);
    });

    it('refuses a supergraph pointing at a dead subgraph and keeps the old one', async () => {
      registry.current = candidateOf(1, subgraph.url);
      const { source } = await start();
      const url = await deadUrl();
      registry.current = candidateOf(2, url);
      await source.checkNow();
      expect(gateway.updates).toEqual([]);
      expect(source.status()).toMatchObject({ source: 'registry', sequence: 1, lastRefused: { sequence: 2, reason: `subgraph verification failed: dukcapil at ${url} cannot be reached (ECONNREFUSED)` } });
    });

    it('refuses a supergraph whose subgraph serves another SDL, and looks again only after the back-off', async () => {
      registry.current = candidateOf(1, subgraph.url);
      const { source } = await start({ refusalRetryMs: 300 });
      const different = await startSdlServer(REGISTRY_STAND_IN_SDL);
      cleanups.push(() => different.close());
      // Published with an added field, but the server at its URL still serves the old SDL.
      registry.current = candidateOf(2, different.url, standInWith('births: Int'));
      await source.checkNow();
      expect(gateway.updates).toEqual([]);
      expect(source.status()).toMatchObject({
        source: 'registry',
        sequence: 1,
        lastRefused: { sequence: 2, hash: registry.current.hash, reason: expect.stringMatching(/^subgraph verification failed: dukcapil at http:\/\/127\.0\.0\.1:\d+\/graphql serves a different SDL than its published version 2/) },
      });
      expect(readLastGood(lastGoodFile)).toMatchObject({ lastGood: { sequence: 1 } });
      const askedAfterRefusal = different.asked();
      for (let poll = 0; poll < 5; poll++) await source.checkNow();
      expect(different.asked()).toBe(askedAfterRefusal);
      // The agency deploys the published version: after the back-off it passes.
      different.serve({ sdl: standInWith('births: Int') });
      await new Promise((resolve) => setTimeout(resolve, 350));
      await source.checkNow();
      expect(source.status()).toMatchObject({ sequence: 2, lastRefused: null });
      expect(gateway.updates).toEqual([registry.current.sdl]);
    });

    it('never replaces the working supergraph with one whose update throws, and hands the old one back', async () => {
      const first = candidateOf(1, subgraph.url);
      registry.current = first;
      const { source } = await start();
      const moved = await startSdlServer(REGISTRY_STAND_IN_SDL);
      cleanups.push(() => moved.close());
      // It verifies (the new URL serves the published SDL); the gateway then fails while loading it.
      registry.current = candidateOf(2, moved.url);
      gateway.failNext = new Error('Cannot read properties of undefined (planning)');
      await source.checkNow();
      expect(gateway.updates).toEqual([registry.current.sdl, first.sdl]);
      expect(source.status()).toMatchObject({ sequence: 1, hash: first.hash, lastRefused: { sequence: 2, reason: 'the gateway failed to load it: Cannot read properties of undefined (planning)' } });
      expect(readLastGood(lastGoodFile)).toMatchObject({ lastGood: { sequence: 1 } });
    });

    it('refuses a supergraph the gateway cannot load before calling update', async () => {
      registry.current = candidateOf(1, subgraph.url);
      const { source } = await start();
      registry.current = { ...candidateOf(2, subgraph.url), sdl: 'type Query { hello: String }', hash: sha256('type Query { hello: String }') };
      await source.checkNow();
      expect(gateway.updates).toEqual([]);
      expect(source.status()).toMatchObject({ sequence: 1, lastRefused: { sequence: 2, reason: expect.stringMatching(/^the gateway cannot load this supergraph: /) } });
    });

    it('keeps serving while the registry is unreachable, shows it, and recovers', async () => {
      registry.current = candidateOf(1, subgraph.url);
      const { source } = await start();
      registry.failing = new Error('Connection terminated unexpectedly');
      await source.checkNow();
      expect(source.status()).toMatchObject({ source: 'registry', sequence: 1, registry: { reachable: false, lastError: 'Connection terminated unexpectedly' } });
      registry.failing = null;
      await source.checkNow();
      expect(source.status()).toMatchObject({ sequence: 1, registry: { reachable: true, lastError: null } });
      expect(gateway.updates).toEqual([]);
    });

    it('takes the registry\'s sequence when the registry comes back with the last good as its current supergraph', async () => {
      const current = candidateOf(5, subgraph.url);
      writeLastGood(lastGoodFile, current);
      registry.failing = new Error('down');
      const { source } = await start();
      expect(source.status()).toMatchObject({ source: 'last-good', sequence: 5 });
      registry.failing = null;
      registry.current = current;
      await source.checkNow();
      expect(source.status()).toMatchObject({ source: 'registry', sequence: 5 });
      expect(gateway.updates).toEqual([]);
    });

    it('polls on its own every interval', async () => {
      registry.current = candidateOf(1, subgraph.url);
      const source = new RegistrySupergraphSource({ registry, lastGoodFile, pollIntervalMs: 50, logger: silentLogger });
      const result = await source.manager(() => undefined).initialize({ update: gateway.update, healthCheck: async () => undefined, getDataSource: () => undefined as never });
      cleanups.push(result.cleanup!);
      const readsAtStart = registry.reads;
      await new Promise((resolve) => setTimeout(resolve, 400));
      expect(registry.reads - readsAtStart).toBeGreaterThanOrEqual(3);
      expect(registry.reads - readsAtStart).toBeLessThanOrEqual(9);
      await result.cleanup!();
      const readsAtStop = registry.reads;
      await new Promise((resolve) => setTimeout(resolve, 150));
      expect(registry.reads).toBe(readsAtStop);
    });
  });
});
