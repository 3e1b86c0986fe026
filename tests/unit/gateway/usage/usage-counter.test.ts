import { executionsIn, UsageCounter, usageEntriesOf } from '../../../../gateway/usage/usage-counter';

const citizen = { operationHash: 'h1', client: 'kiosk', coordinates: ['Citizen.nik', 'Query.citizen'] };

describe('the in-memory usage counter', () => {
  it('adds up executions per key and drains to one row per (operation, coordinate, client)', () => {
    const counter = new UsageCounter(10);
    counter.count('s1:h1:kiosk', citizen);
    counter.count('s1:h1:kiosk', citizen, 2);
    // The same operation read against a reloaded schema: a key of its own, rows that add up.
    counter.count('s2:h1:kiosk', { ...citizen, coordinates: ['Query.citizen', 'Citizen.fullName'] });
    const batch = counter.drain();
    expect(counter.size).toBe(0);
    expect(executionsIn(batch)).toBe(4);
    // In key order (hash, coordinate, client): concurrent writers lock shared rows in the same order.
    expect(usageEntriesOf(batch)).toEqual([
      { operationHash: 'h1', coordinate: 'Citizen.fullName', client: 'kiosk', count: 1 },
      { operationHash: 'h1', coordinate: 'Citizen.nik', client: 'kiosk', count: 3 },
      { operationHash: 'h1', coordinate: 'Query.citizen', client: 'kiosk', count: 4 },
    ]);
  });

  it('refuses new keys when full, counts what it dropped, and keeps counting held keys', () => {
    const counter = new UsageCounter(1);
    expect(counter.count('a', citizen)).toBe(true);
    expect(counter.count('b', { ...citizen, client: 'web' }, 5)).toBe(false);
    expect(counter.count('a', citizen)).toBe(true);
    expect(counter.takeDropped()).toBe(5);
    expect(counter.takeDropped()).toBe(0);
    expect(executionsIn(counter.drain())).toBe(2);
  });

  it('restores a failed batch on top of what was counted since, within its bound', () => {
    const counter = new UsageCounter(2);
    counter.count('a', citizen, 2);
    const failed = counter.drain();
    counter.count('a', citizen);
    counter.count('b', { ...citizen, client: 'web' });
    counter.restore(new Map([...failed, ['c', { ...citizen, client: 'tv', count: 7 }]]));
    expect(counter.size).toBe(2);
    expect(counter.takeDropped()).toBe(7);
    expect(usageEntriesOf(counter.drain()).filter((entry) => entry.coordinate === 'Query.citizen').map((entry) => `${entry.client} ${entry.count}`).sort()).toEqual(['kiosk 3', 'web 1']);
  });

  it('refuses a bound below one', () => {
    expect(() => new UsageCounter(0)).toThrow('the usage counter needs room for at least one operation, not 0');
  });
});
