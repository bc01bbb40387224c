// The duplicate filter of the live stream and of each replay pass.
import { describe, expect, it } from 'vitest';
import { RecentIds } from './recent-ids.js';

describe('recent ids', () => {
  it('says an id was seen before while it is among the most recent, and forgets the oldest first', () => {
    const recent = new RecentIds(3);
    expect(['a', 'b', 'c'].map((id) => recent.seenBefore(id))).toEqual([false, false, false]);
    // Asking again does not make an id recent: "a" is still the oldest.
    expect(recent.seenBefore('a')).toBe(true);
    expect(recent.seenBefore('d')).toBe(false);
    expect(recent.size).toBe(3);
    expect(recent.seenBefore('a')).toBe(false); // forgotten when "d" came; remembered again now
    expect(recent.seenBefore('b')).toBe(false);
    expect(recent.seenBefore('c')).toBe(false);
    // Each of those pushed out the oldest: "d" went with the last one, "a" is still held.
    expect(recent.seenBefore('a')).toBe(true);
    expect(recent.seenBefore('d')).toBe(false);
  });

  it('remembers exactly its capacity over many ids', () => {
    const recent = new RecentIds(1000);
    for (let i = 0; i < 5000; i++) expect(recent.seenBefore(String(i))).toBe(false);
    expect(recent.size).toBe(1000);
    expect(recent.seenBefore('3999')).toBe(false);
    expect(recent.seenBefore('4999')).toBe(true);
    expect(recent.seenBefore('4001')).toBe(true);
  });

  it('keeps forgetting in insertion order once the ring has wrapped many times', () => {
    const recent = new RecentIds(3);
    for (let i = 0; i < 10; i++) recent.seenBefore(String(i));
    // 7, 8, 9 held; a repeat of 8 changes nothing, 10 pushes out 7.
    expect(recent.seenBefore('8')).toBe(true);
    expect(recent.seenBefore('10')).toBe(false);
    expect(['8', '9', '10'].map((id) => recent.seenBefore(id))).toEqual([true, true, true]);
    expect(recent.seenBefore('7')).toBe(false);
    expect(recent.size).toBe(3);
  });

  it('refuses a capacity it could not keep', () => {
    for (const capacity of [0, -1, 1.5, Number.NaN])
      expect(() => new RecentIds(capacity)).toThrow(/recent ids: capacity must be a positive integer/);
    const one = new RecentIds(1);
    expect([one.seenBefore('a'), one.seenBefore('a'), one.seenBefore('b'), one.seenBefore('a')]).toEqual([
      false,
      true,
      false,
      false,
    ]);
  });

  it('holds tweet-sized numeric ids exactly, apart from ids that only look alike', () => {
    const recent = new RecentIds(10);
    const ids = [
      '1763534649564565505',
      '1763534649564565504',
      '763534649564565505',
      '9999999999999999999',
      '1',
      '0',
    ];
    expect(ids.map((id) => recent.seenBefore(id))).toEqual(ids.map(() => false));
    expect(ids.map((id) => recent.seenBefore(id))).toEqual(ids.map(() => true));
    // Not canonical digits: a leading zero, a sign, 20 digits, text. Each is its own id.
    const others = ['01', '+1', '-1', '17635346495645655050', '1e3', '', 'abc', ' 1'];
    expect(others.map((id) => recent.seenBefore(id))).toEqual(others.map(() => false));
    expect(recent.seenBefore('01')).toBe(true);
    expect(recent.size).toBe(10);
  });

  it('agrees with a plain set and ring over a long run of repeats, numeric and not', () => {
    // A small id space makes many repeats and long probe runs, so forgetting (which moves later
    // entries of a run back) is exercised on every kind of neighbourhood.
    let seed = 7;
    const random = (n: number) => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed % n;
    };
    for (const capacity of [1, 5, 64, 1000, 3000]) {
      const recent = new RecentIds(capacity);
      const set = new Set<string>();
      const ring: string[] = [];
      for (let i = 0; i < 40_000; i++) {
        const n = random(capacity * 3);
        const id = n % 7 === 0 ? `user-${n}` : String(1_763_534_649_564_565_505n + BigInt(n * 4099));
        const expected = set.has(id);
        if (!expected) {
          if (ring.length === capacity) set.delete(ring.shift()!);
          ring.push(id);
          set.add(id);
        }
        if (recent.seenBefore(id) !== expected) throw new Error(`capacity ${capacity}, step ${i}: ${id}`);
      }
      expect(recent.size).toBe(set.size);
    }
  });
});
