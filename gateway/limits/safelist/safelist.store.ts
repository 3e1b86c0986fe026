import { createHash } from 'node:crypto';

/** One registered operation: the APQ hash (SHA-256 of the text, hex) and the text itself. */
export interface PersistedOperation {
  hash: string;
  query: string;
  registeredAt: string;
  /** Who registered it (a client id, or the manifest it came from); null when unknown. */
  registeredBy: string | null;
}

/**
 * The safelist of persisted operations (issue 6, item 4). Entries are immutable: a hash names
 * one text forever, so registering an existing hash again is a no-op.
 */
export interface SafelistStore {
  /** The text registered under `hash`, or undefined. */
  get(hash: string): Promise<string | undefined>;
  /** Registers `query` under its hash; throws SafelistError when `hash` is not the text's hash. */
  register(hash: string, query: string, registeredBy: string | null): Promise<void>;
  /** Every registered operation, oldest first. */
  list(): Promise<PersistedOperation[]>;
}

export class SafelistError extends Error {}

const HASH = /^[0-9a-f]{64}$/;

/** The APQ hash of an operation text: SHA-256, lower-case hex (what Apollo clients send). */
export function operationHash(query: string): string {
  return createHash('sha256').update(query).digest('hex');
}

export function isOperationHash(value: unknown): value is string {
  return typeof value === 'string' && HASH.test(value);
}

/** The checks every store makes before writing. */
export function assertRegistrable(hash: string, query: string): void {
  if (!HASH.test(hash)) throw new SafelistError(`"${hash.slice(0, 80)}" is not a SHA-256 hash (64 lower-case hex digits)`);
  if (query.trim() === '') throw new SafelistError('an empty operation cannot be registered');
  if (operationHash(query) !== hash) throw new SafelistError(`the hash ${hash} is not the SHA-256 of the operation text sent with it`);
}

/** One gateway's safelist in memory: tests, and development without a database. */
export class MemorySafelistStore implements SafelistStore {
  private readonly operations = new Map<string, PersistedOperation>();

  constructor(private readonly now: () => Date = () => new Date()) {}

  async get(hash: string): Promise<string | undefined> {
    return this.operations.get(hash)?.query;
  }

  async register(hash: string, query: string, registeredBy: string | null): Promise<void> {
    assertRegistrable(hash, query);
    if (!this.operations.has(hash)) this.operations.set(hash, { hash, query, registeredAt: this.now().toISOString(), registeredBy });
  }

  async list(): Promise<PersistedOperation[]> {
    return [...this.operations.values()];
  }
}

/**
 * Remembers texts read from a slower store (the database), so a production gateway does not ask
 * the database on every request. Only hits are kept: an entry never changes once registered,
 * while a miss may be registered a moment later by another gateway.
 */
export class CachedSafelistStore implements SafelistStore {
  private readonly cache = new Map<string, string>();

  constructor(
    private readonly store: SafelistStore,
    private readonly maxEntries = 10_000,
  ) {}

  async get(hash: string): Promise<string | undefined> {
    const cached = this.cache.get(hash);
    if (cached !== undefined) {
      // Map keeps insertion order: re-inserting makes this the most recently used entry.
      this.cache.delete(hash);
      this.cache.set(hash, cached);
      return cached;
    }
    const query = await this.store.get(hash);
    if (query !== undefined) this.remember(hash, query);
    return query;
  }

  async register(hash: string, query: string, registeredBy: string | null): Promise<void> {
    await this.store.register(hash, query, registeredBy);
    this.remember(hash, query);
  }

  list(): Promise<PersistedOperation[]> {
    return this.store.list();
  }

  private remember(hash: string, query: string): void {
    this.cache.set(hash, query);
    if (this.cache.size > this.maxEntries) this.cache.delete(this.cache.keys().next().value!);
  }
}
