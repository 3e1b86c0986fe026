import { openGatewayDatabase, type GatewayDatabase } from '../../../../gateway/store/database';
import { importPersistedQueryManifest } from '../../../../gateway/limits/safelist/persisted-query-manifest';
import { openSafelistStore } from '../../../../gateway/limits/safelist/safelist.kysely-store';
import { safelistPlugin } from '../../../../gateway/limits/safelist/safelist.plugin';
import { CachedSafelistStore, MemorySafelistStore, operationHash, type PersistedOperation, type SafelistStore } from '../../../../gateway/limits/safelist/safelist.store';
import { BACKENDS } from '../registry/registry-fixtures';
import { startFederatedFixture, type FederatedFixture, type TestCaller, type TestContext } from '../access-policy/federated-fixture';

const CITIZEN = '{ citizen(nik: "1") { nik } }';
const CITIZEN_HASH = operationHash(CITIZEN);
const FIXED_TIME = () => new Date('2026-12-06T08:00:00.000Z');

/** The same behaviour from every store: memory, and the gateway database on SQLite and PostgreSQL. */
const STORES: Array<{ name: string; open(): Promise<{ store: SafelistStore; close(): Promise<void> }> }> = [
  { name: 'memory', open: async () => ({ store: new MemorySafelistStore(FIXED_TIME), close: async () => undefined }) },
  ...BACKENDS.map((backend) => ({
    name: backend.name,
    async open() {
      const { location, cleanup } = await backend.open();
      const db: GatewayDatabase = await openGatewayDatabase(location);
      // Opened twice: the second open finds its migration done (a second gateway on the same database).
      await openSafelistStore(db, FIXED_TIME);
      const store = await openSafelistStore(db, FIXED_TIME);
      return {
        store,
        close: async () => {
          await db.destroy();
          await cleanup();
        },
      };
    },
  })),
];

describe.each(STORES)('safelist store ($name)', ({ open }) => {
  let store: SafelistStore;
  let close: () => Promise<void>;
  beforeEach(async () => {
    ({ store, close } = await open());
  });
  afterEach(async () => {
    await close();
  });

  test('registers an operation under its SHA-256, once; lists it', async () => {
    expect(await store.get(CITIZEN_HASH)).toBeUndefined();
    await store.register(CITIZEN_HASH, CITIZEN, 'kiosk-1');
    await store.register(CITIZEN_HASH, CITIZEN, 'kiosk-2');
    expect(await store.get(CITIZEN_HASH)).toBe(CITIZEN);
    expect(await store.list()).toEqual<PersistedOperation[]>([{ hash: CITIZEN_HASH, query: CITIZEN, registeredAt: '2026-12-06T08:00:00.000Z', registeredBy: 'kiosk-1' }]);
  });

  test('two registrations of the same operation at once leave one entry', async () => {
    await Promise.all([store.register(CITIZEN_HASH, CITIZEN, 'a'), store.register(CITIZEN_HASH, CITIZEN, 'b')]);
    expect((await store.list()).map((operation) => operation.hash)).toEqual([CITIZEN_HASH]);
  });

  test.each([
    ['a hash that is not the text’s', 'a'.repeat(64), CITIZEN, /the hash a{64} is not the SHA-256 of the operation text sent with it/],
    ['a hash that is not hex', 'not-a-hash', CITIZEN, /"not-a-hash" is not a SHA-256 hash \(64 lower-case hex digits\)/],
    ['an empty text', operationHash('  '), '  ', /an empty operation cannot be registered/],
  ])('refuses %s', async (_name, hash, query, message) => {
    await expect(store.register(hash, query, null)).rejects.toThrow(message);
    expect(await store.list()).toEqual([]);
  });

  test('imports a persisted query manifest; an id that is not the body’s hash is refused and nothing is stored', async () => {
    const other = 'query Other { citizens(niks: ["1"]) { nik } }';
    await expect(importPersistedQueryManifest(store, { format: 'apollo-persisted-query-manifest', version: 1, operations: [{ id: CITIZEN_HASH, body: CITIZEN }, { id: 'forged', body: other }] }, 'counter-app@1.2')).rejects.toThrow(
      /persisted query manifest from counter-app@1\.2: operation 1: "id" "forged" is not the SHA-256 of its body/,
    );
    expect(await store.list()).toEqual([]);
    expect(await importPersistedQueryManifest(store, { format: 'apollo-persisted-query-manifest', version: 1, operations: [{ id: CITIZEN_HASH, name: 'C', type: 'query', body: CITIZEN }, { body: other }] }, 'counter-app@1.2')).toEqual({ registered: 2 });
    expect(await store.get(operationHash(other))).toBe(other);
    await expect(importPersistedQueryManifest(store, { operations: [] }, 'x.json')).rejects.toThrow(/expected "format": "apollo-persisted-query-manifest" and "version": 1/);
  });
});

test('CachedSafelistStore asks the store once per registered hash, and again for misses', async () => {
  const inner = new MemorySafelistStore();
  const reads: string[] = [];
  const counting: SafelistStore = { get: (hash) => (reads.push(hash), inner.get(hash)), register: (...args) => inner.register(...args), list: () => inner.list() };
  const cached = new CachedSafelistStore(counting, 2);
  await inner.register(CITIZEN_HASH, CITIZEN, null);
  expect(await cached.get(CITIZEN_HASH)).toBe(CITIZEN);
  expect(await cached.get(CITIZEN_HASH)).toBe(CITIZEN);
  expect(await cached.get('f'.repeat(64))).toBeUndefined();
  expect(await cached.get('f'.repeat(64))).toBeUndefined();
  expect(reads).toEqual([CITIZEN_HASH, 'f'.repeat(64), 'f'.repeat(64)]);
});

const CALLER: TestCaller = { clientId: 'kiosk-1', scopes: [] };
const apq = (hash: string, query?: string) => ({ ...(query === undefined ? {} : { query }), extensions: { persistedQuery: { version: 1, sha256Hash: hash } } });

describe('safelistPlugin in production (only registered operations run)', () => {
  let fixture: FederatedFixture;
  const store = new MemorySafelistStore();
  beforeAll(async () => {
    await store.register(CITIZEN_HASH, CITIZEN, 'manifest');
    fixture = await startFederatedFixture({ plugins: [safelistPlugin<TestContext>({ store, mode: 'required' })] });
  });
  afterAll(async () => {
    await fixture?.stop();
  });
  beforeEach(() => fixture.calls.reset());

  test('a registered operation runs, by hash or as its text', async () => {
    expect((await fixture.post(apq(CITIZEN_HASH), CALLER)).body).toEqual({ data: { citizen: { nik: '1' } } });
    expect((await fixture.post({ query: CITIZEN }, CALLER)).body).toEqual({ data: { citizen: { nik: '1' } } });
  });

  test('an unknown hash: PERSISTED_QUERY_NOT_FOUND, no agency called', async () => {
    const unknown = operationHash('{ citizen(nik: "2") { nik } }');
    const { status, body } = await fixture.post(apq(unknown), CALLER);
    expect(status).toBe(200);
    expect(body.errors).toEqual([
      { message: `Persisted operation ${unknown.slice(0, 12)}… is not on this gateway's safelist; only operations registered ahead of time run here (production). Register the frontend's persisted query manifest.`, extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' } },
    ]);
    expect(fixture.calls.total()).toBe(0);
  });

  test('an unregistered text, plain or with its hash (APQ registration), is refused; nothing is registered', async () => {
    const text = '{ citizen(nik: "3") { nik fullName } }';
    const plain = await fixture.post({ query: text }, CALLER);
    expect(plain.status).toBe(403);
    expect(plain.body.errors?.[0]).toMatchObject({ extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' }, message: expect.stringContaining('runs only registered operations (production safelist)') });
    const registering = await fixture.post(apq(operationHash(text), text), CALLER);
    expect(registering.status).toBe(403);
    expect(registering.body.errors?.[0]?.message).toMatch(/registering operations by sending them is switched off in production/);
    expect(await store.get(operationHash(text))).toBeUndefined();
    expect(fixture.calls.total()).toBe(0);
  });
});

describe('safelistPlugin in development (APQ-style registration)', () => {
  let fixture: FederatedFixture;
  const store = new MemorySafelistStore();
  beforeAll(async () => {
    fixture = await startFederatedFixture({ plugins: [safelistPlugin<TestContext>({ store, mode: 'register', registrantOf: (context) => context.identity?.caller.clientId ?? null })] });
  });
  afterAll(async () => {
    await fixture?.stop();
  });
  beforeEach(() => fixture.calls.reset());

  test('hash only: not found; hash and text: registered and run; then the hash alone runs it', async () => {
    const text = 'query Family { citizen(nik: "7") { nik family { nik } } }';
    const hash = operationHash(text);
    const first = await fixture.post(apq(hash), CALLER);
    expect(first.body.errors?.[0]).toMatchObject({ extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' }, message: expect.stringContaining('Send it again with its text in "query" to register it') });
    expect(fixture.calls.total()).toBe(0);
    expect((await fixture.post(apq(hash, text), CALLER)).body).toEqual({ data: { citizen: { nik: '7', family: [{ nik: '7-a' }, { nik: '7-b' }] } } });
    expect((await fixture.post(apq(hash), CALLER)).body).toEqual({ data: { citizen: { nik: '7', family: [{ nik: '7-a' }, { nik: '7-b' }] } } });
    expect((await store.list()).map((operation) => [operation.hash, operation.registeredBy])).toEqual([[hash, 'kiosk-1']]);
  });

  test('plain queries run without registration', async () => {
    expect((await fixture.post({ query: CITIZEN }, CALLER)).body).toEqual({ data: { citizen: { nik: '1' } } });
    expect(await store.get(CITIZEN_HASH)).toBeUndefined();
  });

  test.each([
    ['a hash that is not the text’s', apq('0'.repeat(64), CITIZEN), /sha256Hash 000000000000… is not the SHA-256 of the query text sent with it/],
    ['a malformed extension', { query: CITIZEN, extensions: { persistedQuery: { version: 2, sha256Hash: CITIZEN_HASH } } }, /extensions\.persistedQuery must be \{ "version": 1, "sha256Hash"/],
  ])('%s is BAD_USER_INPUT, nothing registered, no agency called', async (_name, body, message) => {
    const response = await fixture.post(body, CALLER);
    expect(response.status).toBe(400);
    expect(response.body.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' }, message: expect.stringMatching(message) });
    expect(fixture.calls.total()).toBe(0);
    expect(await store.get('0'.repeat(64))).toBeUndefined();
  });
});
