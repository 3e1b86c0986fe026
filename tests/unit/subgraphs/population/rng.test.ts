import { createRng, pickWeighted, shuffled } from '../../../../subgraphs/population/rng';

function draws(rng: { next(): number }, n: number): number[] {
  return Array.from({ length: n }, () => rng.next());
}

describe('SeededRng', () => {
  it('gives the same sequence for the same seed and another for another seed', () => {
    expect(draws(createRng('pekanbaru'), 20)).toEqual(draws(createRng('pekanbaru'), 20));
    expect(draws(createRng('pekanbaru'), 20)).not.toEqual(draws(createRng('dumai'), 20));
  });

  it('forks from the seed path and label, not from how much the parent has consumed', () => {
    const fresh = createRng('s');
    const used = createRng('s');
    draws(used, 1000);
    expect(draws(fresh.fork('imigrasi'), 10)).toEqual(draws(used.fork('imigrasi'), 10));
    expect(draws(fresh.fork('imigrasi'), 10)).not.toEqual(draws(fresh.fork('samsat'), 10));
    // The path is unambiguous: a label containing "/" is not a nested fork.
    expect(draws(fresh.fork('a/b'), 5)).not.toEqual(draws(fresh.fork('a').fork('b'), 5));
  });

  it('keeps int() within inclusive bounds and reaches both ends', () => {
    const rng = createRng('ints');
    const seen = new Set<number>();
    for (let i = 0; i < 2000; i++) {
      const value = rng.int(3, 7);
      expect(value).toBeGreaterThanOrEqual(3);
      expect(value).toBeLessThanOrEqual(7);
      seen.add(value);
    }
    expect([...seen].sort()).toEqual([3, 4, 5, 6, 7]);
    expect(() => rng.int(5, 4)).toThrow(RangeError);
  });

  it('draws chance() at the given probability and pick() from the list', () => {
    const rng = createRng('chance');
    let hits = 0;
    for (let i = 0; i < 20000; i++) if (rng.chance(0.3)) hits++;
    expect(hits / 20000).toBeGreaterThan(0.28);
    expect(hits / 20000).toBeLessThan(0.32);
    expect(['a', 'b']).toContain(rng.pick(['a', 'b']));
    expect(() => rng.pick([])).toThrow(RangeError);
  });

  it('weights choices and shuffles deterministically', () => {
    const rng = createRng('weights');
    const counts = { A: 0, B: 0, C: 0 };
    for (let i = 0; i < 20000; i++) counts[pickWeighted(rng, [['A', 3], ['B', 1], ['C', 0]] as const)]++;
    expect(counts.C).toBe(0);
    expect(counts.A / counts.B).toBeGreaterThan(2.7);
    expect(counts.A / counts.B).toBeLessThan(3.3);
    const items = [1, 2, 3, 4, 5, 6, 7, 8];
    expect(shuffled(createRng('x'), items)).toEqual(shuffled(createRng('x'), items));
    expect([...shuffled(createRng('x'), items)].sort()).toEqual(items);
  });
});
