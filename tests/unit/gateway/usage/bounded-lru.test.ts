import { BoundedLru } from '../../../../gateway/usage/bounded-lru';

describe('a bounded LRU map', () => {
  it('keeps at most its size, evicting the least recently used entry', () => {
    const lru = new BoundedLru<string, number>(2);
    lru.set('a', 1);
    lru.set('b', 2);
    expect(lru.get('a')).toBe(1); // a is now the most recent
    lru.set('c', 3);
    expect(lru.size).toBe(2);
    expect(lru.get('b')).toBeUndefined();
    expect([lru.get('a'), lru.get('c')]).toEqual([1, 3]);
  });

  it('replaces a value without growing, and refreshes its recency', () => {
    const lru = new BoundedLru<string, number>(2);
    lru.set('a', 1);
    lru.set('b', 2);
    lru.set('a', 10);
    lru.set('c', 3);
    expect(lru.size).toBe(2);
    expect([lru.get('a'), lru.get('b'), lru.get('c')]).toEqual([10, undefined, 3]);
  });

  it.each([0, 1.5, -3])('refuses a size of %p', (size) => {
    expect(() => new BoundedLru(size)).toThrow(`an LRU needs room for at least one entry, not ${size}`);
  });
});
