import seedrandom from 'seedrandom';
import type { Rng } from './seed-context';

/**
 * The seeded randomness behind the whole data directory (seedrandom's Alea generator:
 * fast to seed, which matters because the identity planter forks one stream per copy).
 *
 * A stream is named by its path from the root seed: `createRng('s').fork('imigrasi')` is the
 * stream `["s","imigrasi"]`. fork() derives from that path, never from the parent's position,
 * so a stream's values do not depend on how much its parent (or a sibling) has consumed:
 * adding an agency, or a draw in one agency's seeder, never changes another stream's bytes.
 */
export class SeededRng implements Rng {
  private readonly prng: seedrandom.PRNG;

  constructor(readonly path: readonly string[]) {
    // JSON keeps the path unambiguous: fork('a/b') and fork('a').fork('b') differ.
    this.prng = seedrandom.alea(JSON.stringify(path));
  }

  next(): number {
    return this.prng();
  }

  int(min: number, max: number): number {
    if (!Number.isInteger(min) || !Number.isInteger(max) || max < min) {
      throw new RangeError(`Rng.int needs integers min <= max, got ${min}, ${max}`);
    }
    return min + Math.floor(this.prng() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.prng() < probability;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('Rng.pick needs a non-empty list');
    return items[Math.floor(this.prng() * items.length)] as T;
  }

  fork(label: string): SeededRng {
    return new SeededRng([...this.path, label]);
  }
}

/** The root stream of a run. Any string is a valid seed. */
export function createRng(seed: string): SeededRng {
  return new SeededRng([seed]);
}

/** A weighted choice: `pickWeighted(rng, [['A', 3], ['B', 1]])` gives A three times as often. */
export function pickWeighted<T>(rng: Rng, entries: readonly (readonly [T, number])[]): T {
  let total = 0;
  for (const [, weight] of entries) total += Math.max(0, weight);
  if (total <= 0) throw new RangeError('pickWeighted needs at least one positive weight');
  let point = rng.next() * total;
  for (const [value, weight] of entries) {
    if (weight <= 0) continue;
    point -= weight;
    if (point < 0) return value;
  }
  // Floating-point leftovers land on the last positive entry.
  for (let i = entries.length - 1; i >= 0; i--) {
    const entry = entries[i] as readonly [T, number];
    if (entry[1] > 0) return entry[0];
  }
  throw new RangeError('unreachable');
}

/** A deterministic Fisher-Yates shuffle into a new array. */
export function shuffled<T>(rng: Rng, items: readonly T[]): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}
