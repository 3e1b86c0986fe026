import { createBatchLoader, createBoundedLoader } from '../../../../subgraphs/kit/loaders';

describe('kit loaders', () => {
  it('createBatchLoader makes one legacy call per batch and keeps order, null for unknown keys', async () => {
    const calls: string[][] = [];
    const loader = createBatchLoader(async (keys) => {
      calls.push([...keys]);
      return new Map(keys.filter((key) => key !== 'x').map((key) => [key, key.toUpperCase()]));
    });
    const values = await Promise.all(['a', 'b', 'x', 'c'].map((key) => loader.load(key)));
    expect(values).toEqual(['A', 'B', null, 'C']);
    expect(calls).toEqual([['a', 'b', 'x', 'c']]);
  });

  it('createBatchLoader splits at maxBatchSize', async () => {
    let calls = 0;
    const loader = createBatchLoader(
      async (keys) => {
        calls += 1;
        return new Map(keys.map((key) => [key, key]));
      },
      { maxBatchSize: 2 },
    );
    await Promise.all(['1', '2', '3', '4', '5'].map((key) => loader.load(key)));
    expect(calls).toBe(3);
  });

  it('createBoundedLoader never has more than the cap in flight and keeps per-key failures per key', async () => {
    let inFlight = 0;
    let peak = 0;
    let calls = 0;
    const loader = createBoundedLoader(
      async (key) => {
        calls += 1;
        inFlight += 1;
        peak = Math.max(peak, inFlight);
        await new Promise((resolve) => setTimeout(resolve, 5));
        inFlight -= 1;
        if (key === 'bad') throw new Error('legacy failed');
        return key === 'none' ? null : `v${key}`;
      },
      { concurrency: 3 },
    );
    const keys = ['1', '2', 'bad', '4', 'none', '6', '7', '8', '9', '10'];
    const results = await Promise.allSettled(keys.map((key) => loader.load(key)));
    expect(calls).toBe(keys.length);
    expect(peak).toBe(3);
    expect(results[2]).toMatchObject({ status: 'rejected' });
    expect(results[4]).toEqual({ status: 'fulfilled', value: null });
    expect(results[0]).toEqual({ status: 'fulfilled', value: 'v1' });
  });
});
