// The stream-profile cache: held to lru-cache, which it replaced, operation by operation, and to
// its checkpoints' shape both ways.
import { LRUCache } from 'lru-cache';
import { describe, expect, it } from 'vitest';
import { IdLru } from './id-lru.js';

/** Ids of every shape: tweet-sized and short decimal ids, leading zeros, names. */
function idOf(r: number): string {
  const n = r % 700;
  if (r % 11 === 0) return `name_${n}`;
  if (r % 13 === 0) return `0${n}`;
  return r % 2 === 0 ? `1763534649574${String(n).padStart(6, '0')}` : String(n + 1);
}

describe('id lru', () => {
  it('evicts the least recently used, where get makes an entry recent and peek does not', () => {
    const cache = new IdLru<string>(3);
    cache.set('1', 'a');
    cache.set('2', 'b');
    cache.set('x', 'c');
    expect(cache.get('1')).toBe('a'); // "2" is now the least recent
    expect(cache.peek('2')).toBe('b'); // and stays so
    cache.set('4', 'd');
    expect(cache.peek('2')).toBeUndefined();
    expect(cache.size).toBe(3);
    cache.set('x', 'C'); // an update makes it recent too: "1" goes next
    cache.set('5', 'e');
    expect(cache.peek('1')).toBeUndefined();
    expect(cache.dump()).toEqual([
      ['4', { value: 'd' }],
      ['x', { value: 'C' }],
      ['5', { value: 'e' }],
    ]);
  });

  it('agrees with lru-cache over a long run of gets, peeks and sets', () => {
    for (const max of [1, 2, 50, 600, 5000]) {
      const ours = new IdLru<number>(max);
      const theirs = new LRUCache<string, number>({ max });
      let seed = max;
      const next = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0);
      for (let i = 0; i < 20_000; i++) {
        const r = next();
        const id = idOf(r >>> 3);
        const op = r % 5;
        if (op === 0) expect(ours.get(id)).toBe(theirs.get(id));
        else if (op === 1) expect(ours.peek(id)).toBe(theirs.peek(id));
        else {
          ours.set(id, i);
          theirs.set(id, i);
        }
        expect(ours.size).toBe(theirs.size);
      }
      expect(ours.dump()).toEqual(theirs.dump());
    }
  });

  it('finds every id it holds as it grows, and evicts them oldest first once full', () => {
    const cache = new IdLru<number>(5000);
    const ids = Array.from({ length: 7000 }, (_, i) =>
      i % 3 === 0 ? `u${i}` : String(1_000_000_000_000 + i * 37),
    );
    ids.forEach((id, i) => cache.set(id, i));
    expect(cache.size).toBe(5000);
    ids.forEach((id, i) => expect(cache.peek(id)).toBe(i < 2000 ? undefined : i));
    // A slot never used holds the numbers of id "0": it must not be found as that id.
    expect(cache.get('0')).toBeUndefined();
    cache.set('0', -1);
    expect(cache.get('0')).toBe(-1);
    expect(cache.peek(ids[2000]!)).toBeUndefined();
    expect(cache.size).toBe(5000);
  });

  it('restores a dump, its own or lru-cache`s, to the same entries and order', () => {
    const theirs = new LRUCache<string, string>({ max: 100 });
    for (let i = 0; i < 150; i++) theirs.set(idOf(i * 7919), `v${i}`);
    theirs.get(idOf(149 * 7919 - 7919 * 60));
    const ours = new IdLru<string>(100);
    ours.load(theirs.dump());
    expect(ours.dump()).toEqual(theirs.dump());
    const again = new IdLru<string>(100);
    again.load(ours.dump());
    expect(again.dump()).toEqual(ours.dump());
    // A load replaces what was held, and clear empties the cache.
    again.load([['7', { value: 'only' }]]);
    expect(again.dump()).toEqual([['7', { value: 'only' }]]);
    again.clear();
    expect(again.size).toBe(0);
    expect(again.get('7')).toBeUndefined();
    again.set('7', 'back');
    expect(again.get('7')).toBe('back');
  });

  it('refuses a size it could not keep', () => {
    expect(() => new IdLru(0)).toThrow(RangeError);
    expect(() => new IdLru(1.5)).toThrow(/positive integer/);
  });
});
