import { createHash } from 'node:crypto';
import type { Caller } from './caller';
import type { TokenLifetime, VerifiedJwt } from './jwt-verifier';
import { BoundedLru } from '../usage/bounded-lru';

/** Measured at ~0.7 KB per entry for a caller with ten scopes: under 7 MB when full. */
export const DEFAULT_VERIFIED_TOKEN_ENTRIES = 10_000;

interface Entry {
  caller: Caller;
  lifetime: TokenLifetime;
}

export interface VerifiedTokenCacheOptions {
  /** How many tokens to remember. @default 10_000 */
  maxEntries?: number;
  /** Whether a verified token's lifetime still holds now: the verifier's `isCurrent`. */
  isCurrent(lifetime: TokenLifetime): boolean;
}

/** A private copy, so that a consumer changing the caller it was given cannot change later requests. */
function copyOf(caller: Caller): Caller {
  return { ...caller, scopes: new Set(caller.scopes) };
}

function keyOf(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('base64');
}

/**
 * Remembers which bearer tokens passed verification, so a client that sends the same token on
 * every request pays for the signature check once (ES256 costs ~0.2 ms, the largest part of
 * access control under load) rather than on each request.
 *
 * - Keyed by the SHA-256 of the exact token string: only an identical token can hit, a token
 *   with one character changed misses and is verified (and refused) in full, and the tokens
 *   themselves are not kept.
 * - Only successes are stored. A refused token is verified again, and refused again, every time,
 *   so no forged or broken token can put an entry in the cache.
 * - An entry is served only while the token would still pass jose's `exp`/`nbf` checks by the
 *   verifier's own clock and tolerance; past that it is dropped and the token verified again,
 *   which then fails with the usual "expired" message.
 * - Bounded, least recently used first out (gateway/usage/bounded-lru.ts), so a flood of distinct
 *   tokens costs a fixed amount of memory.
 *
 * A verdict is only as good as the keys, issuer, audience and tolerance it was made with: whoever
 * changes any of those at run time must call `clear()`.
 */
export class VerifiedTokenCache {
  readonly maxEntries: number;
  private readonly entries: BoundedLru<string, Entry>;
  private readonly isCurrent: (lifetime: TokenLifetime) => boolean;

  constructor(options: VerifiedTokenCacheOptions) {
    const maxEntries = options.maxEntries ?? DEFAULT_VERIFIED_TOKEN_ENTRIES;
    if (!Number.isInteger(maxEntries) || maxEntries < 1) {
      throw new RangeError(`the verified-token cache needs room for a whole number of tokens, at least 1, not ${maxEntries}`);
    }
    this.maxEntries = maxEntries;
    this.entries = new BoundedLru(maxEntries);
    this.isCurrent = options.isCurrent;
  }

  get size(): number {
    return this.entries.size;
  }

  /**
   * The caller of `token`: remembered if it was verified before and is still current, otherwise
   * from `verify` (whose refusal is passed on, and nothing stored).
   */
  async callerFor(token: string, verify: (token: string) => Promise<VerifiedJwt>): Promise<Caller> {
    const key = keyOf(token);
    const entry = this.entries.get(key); // a hit becomes the most recently used
    if (entry !== undefined) {
      if (this.isCurrent(entry.lifetime)) return copyOf(entry.caller);
      this.entries.delete(key);
    }
    const verified = await verify(token);
    this.entries.set(key, { caller: copyOf(verified.caller), lifetime: verified.lifetime });
    return verified.caller;
  }

  /** Forgets every token: the next request with any of them is verified in full. */
  clear(): void {
    this.entries.clear();
  }
}
