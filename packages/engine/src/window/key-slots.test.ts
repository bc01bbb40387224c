// KeySlots against a Map, including the cases its speed-ups must not get wrong: hash collisions,
// the int32 shortcut meeting other keys, SameValueZero (NaN, −0), and keys that force the Map mode.
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../test/fixtures/seeded-random.js';
import { hashOf, KeySlots, mix } from './key-slots.js';

/** Inverse of mix (murmur3's finaliser), to build a key whose hash equals an int32 key's. */
function unmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x7ed1b41d); // inverse of 0xc2b2ae35 mod 2^32
  h ^= (h >>> 13) ^ (h >>> 26);
  h = Math.imul(h, 0xa5cb9243); // inverse of 0x85ebca6b mod 2^32
  return h ^ (h >>> 16);
}

/**
 * Two distinct strings with the same hash, found once by a birthday search over `tag${i}` names
 * (kept as constants so the test stays fast enough for mutation runs; the test checks they collide).
 */
function collidingStrings(): [string, string] {
  return ['tag73809', 'tag1120216'];
}

function findOne<K>(slots: KeySlots<K>, key: K): number {
  const out = new Int32Array(1);
  slots.findAll([key], 1, out);
  return out[0]!;
}

describe('KeySlots', () => {
  it('agrees with a Map through random inserts, batch lookups and releases of mixed keys', () => {
    const random = seededRandom(3);
    const pool: unknown[] = [];
    for (let i = 0; i < 3000; i++) pool.push(i - 1500, `k${i}`, i + 0.5, 2 ** 31 + i);
    pool.push(Number.NaN, Number.MAX_VALUE, -Infinity, '', '0');
    const slots = new KeySlots<unknown>();
    const model = new Map<unknown, number>();
    for (let round = 0; round < 60; round++) {
      const batch = [...new Set(Array.from({ length: 500 }, () => pool[Math.floor(random() * pool.length)]))];
      const out = new Int32Array(batch.length);
      slots.findAll(batch, batch.length, out);
      // One comparison per round (not per key): the same check, fast enough for mutation runs.
      expect([...out]).toEqual(batch.map((key) => model.get(key) ?? -1));
      // Every other round inserts with the hashes findAll made (insertFound), as the states do.
      batch.forEach((key, i) => {
        if (out[i]! < 0) model.set(key, round % 2 === 0 ? slots.insertFound(batch, i) : slots.insert(key));
      });
      const leaving = [...model.keys()].filter(() => random() < 0.2);
      slots.release(leaving.map((key) => model.get(key)!));
      for (const key of leaving) model.delete(key);
      expect(slots.size).toBe(model.size);
      const held = [...model];
      expect(held.map(([key]) => slots.find(key))).toEqual(held.map(([, slot]) => slot));
      // keyAt gives the key back (SameValueZero: −0 was stored as 0).
      expect(held.filter(([key, slot]) => !Object.is(slots.keyAt(slot), key === 0 ? 0 : key))).toEqual([]);
    }
    const live = [...model.values()];
    expect(new Set(live).size).toBe(live.length); // no slot handed out twice
  });

  it('tells apart two strings with the same hash', () => {
    const [a, b] = collidingStrings();
    expect(hashOf(a)).toBe(hashOf(b));
    const slots = new KeySlots<string>();
    const slotA = slots.insert(a);
    expect(findOne(slots, b)).toBe(-1);
    const slotB = slots.insert(b);
    expect(slotB).not.toBe(slotA);
    const out = new Int32Array(2);
    slots.findAll([b, a], 2, out);
    expect([...out]).toEqual([slotB, slotA]);
    slots.release([slotA]);
    expect(slots.find(b)).toBe(slotB);
    expect(slots.find(a)).toBe(-1);
  });

  it('trusts a hash match only between int32 keys', () => {
    // The int32 whose hash equals a given key's: hashOf(k) = mix(k ^ 0x5bd1e995).
    for (const h of [0, 1, -1, 0x7fffffff, 123_456_789]) expect(mix(unmix(h))).toBe(h);
    const intWithHashOf = (key: string | number): number => unmix(hashOf(key)) ^ 0x5bd1e995;
    expect(hashOf(intWithHashOf('hello'))).toBe(hashOf('hello'));
    expect(hashOf(intWithHashOf(1.5))).toBe(hashOf(1.5));
    const slots = new KeySlots<number | string>();
    const twinOfString = slots.insert(intWithHashOf('hello'));
    const twinOfFloat = slots.insert(intWithHashOf(1.5));
    for (let i = 0; i < 5000; i++) slots.insert(i * 2 + 1_000_000);
    // Every key held is an int32, so int lookups skip the key comparison; others must not.
    expect(findOne(slots, 'hello')).toBe(-1);
    expect(findOne(slots, 1.5)).toBe(-1);
    expect(slots.find('hello')).toBe(-1);
    expect(slots.find(1.5)).toBe(-1);
    expect(findOne(slots, intWithHashOf('hello'))).toBe(twinOfString);
    const hello = slots.insert('hello');
    const float = slots.insert(1.5);
    expect(findOne(slots, 'hello')).toBe(hello);
    expect(findOne(slots, 1.5)).toBe(float);
    expect(slots.find(intWithHashOf(1.5))).toBe(twinOfFloat);
    const out = new Int32Array(4);
    slots.findAll([intWithHashOf('hello'), 1.5, 'hello', intWithHashOf(1.5)], 4, out);
    expect([...out]).toEqual([twinOfString, float, hello, twinOfFloat]);
  });

  it('compares by SameValueZero, like a Map: NaN finds NaN, −0 finds 0', () => {
    const slots = new KeySlots<number>();
    const nan = slots.insert(Number.NaN);
    const zero = slots.insert(-0);
    expect(slots.find(Number.NaN)).toBe(nan);
    expect(slots.find(0)).toBe(zero);
    expect(findOne(slots, -0)).toBe(zero);
    expect(Object.is(slots.keyAt(zero), 0)).toBe(true); // stored as +0, as a Map does
  });

  it('switches to a Map for keys it cannot hash, keeping every slot', () => {
    const slots = new KeySlots<unknown>();
    const ints = Array.from({ length: 100 }, (_, i) => slots.insert(i));
    const name = slots.insert('name');
    const object = { id: 1 };
    const objectSlot = slots.insert(object);
    expect(slots.find({ id: 1 })).toBe(-1); // objects compare by identity, as in a Map
    expect(slots.find(object)).toBe(objectSlot);
    const out = new Int32Array(3);
    slots.findAll([7, 'name', 10n], 3, out);
    expect([...out]).toEqual([ints[7], name, -1]);
    slots.release([ints[7]!]);
    expect(slots.find(7)).toBe(-1);
    expect(slots.insertFound([7, 'name', 10n], 2)).toBe(ints[7]); // the freed slot is reused
    expect(slots.find(10n)).toBe(ints[7]);
  });

  it('keeps every probe chain whole when keys leave from the middle of a run, across the table end', () => {
    // Int32 keys built for chosen hashes (hashOf(k) = mix(k ^ 0x5bd1e995)): distinct hashes whose
    // low 11 bits (the smallest table's position) are these homes, so they form one run of
    // positions that wraps from the end of the table to its start.
    const homes = [2046, 2046, 2047, 2046, 0, 1, 2047, 0, 2045];
    const keys = homes.map((home, i) => unmix(((i + 1) << 11) | home) ^ 0x5bd1e995);
    expect(keys.map((key) => hashOf(key) & 2047)).toEqual(homes);
    const random = seededRandom(11);
    for (let trial = 0; trial < 200; trial++) {
      const slots = new KeySlots<number>();
      const held = new Map(keys.map((key) => [key, slots.insert(key)]));
      // Release a random part of the run, one key or several at a time, and check what is left.
      const leaving = keys.filter(() => random() < 0.5);
      for (let i = 0; i < leaving.length;) {
        const step = 1 + Math.floor(random() * 3);
        const gone = leaving.slice(i, i + step);
        slots.release(gone.map((key) => held.get(key)!));
        for (const key of gone) held.delete(key);
        i += step;
        expect(keys.map((key) => slots.find(key))).toEqual(keys.map((key) => held.get(key) ?? -1));
        const out = new Int32Array(keys.length);
        slots.findAll(keys, keys.length, out);
        expect([...out]).toEqual(keys.map((key) => held.get(key) ?? -1));
      }
      // Keys that left come back into the same run and are found.
      for (const key of leaving) held.set(key, slots.insert(key));
      expect(keys.map((key) => slots.find(key))).toEqual(keys.map((key) => held.get(key)!));
      expect(slots.size).toBe(keys.length);
    }
  });

  it('gives a table left far larger than its keys back, finding every key still held', () => {
    const slots = new KeySlots<string>();
    const keys = Array.from({ length: 20_000 }, (_, i) => `key${i}`);
    const held = keys.map((key) => slots.insert(key));
    const tableOf = (s: KeySlots<string>) => (s as unknown as { table: Int32Array }).table.length;
    const grown = tableOf(slots);
    slots.release(held.slice(100));
    expect(tableOf(slots)).toBeLessThan(grown / 8);
    expect(keys.slice(0, 100).map((key) => slots.find(key))).toEqual(held.slice(0, 100));
    expect(slots.find('key100')).toBe(-1);
  });
});
