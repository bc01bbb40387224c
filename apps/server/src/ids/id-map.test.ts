// The id-keyed map under the profile store: every id shape X sends, and any other string, kept
// apart exactly, through the table's growth.
import { describe, expect, it } from 'vitest';
import { IdMap } from './id-map.js';

describe('id map', () => {
  it('finds what was set, by decimal id and by any other string', () => {
    const map = new IdMap<string>();
    expect(map.get('12')).toBeUndefined();
    map.set('12', 'twelve');
    map.set('u12', 'named');
    map.set('', 'empty');
    expect(map.get('12')).toBe('twelve');
    expect(map.get('u12')).toBe('named');
    expect(map.get('')).toBe('empty');
    expect(map.get('13')).toBeUndefined();
    expect(map.size).toBe(3);
    map.set('12', 'again');
    expect(map.get('12')).toBe('again');
    expect(map.size).toBe(3);
  });

  it('tells apart ids that only look alike', () => {
    const map = new IdMap<number>();
    // Leading zeros, a 20-digit id, ids a digit apart on each side of the last nine, the largest.
    const ids = [
      '7',
      '07',
      '007',
      '1763534649574232065',
      '1763534649574232066',
      '1763534648574232065',
      '763534649574232065',
      '17635346495742320650',
      '9999999999999999999',
      '999999999',
      '1000000000',
      '1400000006995',
      '1400000006995 ',
      '-1400000006995',
      '1e3',
      '1000',
    ];
    ids.forEach((id, i) => map.set(id, i));
    ids.forEach((id, i) => expect(map.get(id)).toBe(i));
    const asked = [...ids, '0007', '1763534649574232067', 'x', ...ids.reverse()];
    const all = new Array<number | undefined>(asked.length);
    map.getAll(asked, asked.length, all);
    expect(all).toEqual(asked.map((id) => map.get(id)));
    expect(map.size).toBe(ids.length);
    expect(map.get('0007')).toBeUndefined();
    expect(map.get('1763534649574232067')).toBeUndefined();
  });

  it('agrees with a Map over many ids as it grows', () => {
    const map = new IdMap<number>();
    const expected = new Map<string, number>();
    let seed = 7;
    const next = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0);
    for (let i = 0; i < 30_000; i++) {
      const r = next();
      const id =
        r % 10 === 0
          ? `user_${r % 5000}`
          : r % 10 === 1
            ? `0${r % 5000}`
            : `1400000${String(r % 20_000).padStart(6, '0')}`;
      map.set(id, i);
      expected.set(id, i);
    }
    expect(map.size).toBe(expected.size);
    for (const [id, value] of expected) expect(map.get(id)).toBe(value);
    for (let i = 0; i < 2000; i++) {
      const id = `1400001${String(i).padStart(6, '0')}`;
      expect(map.get(id)).toBe(expected.get(id));
    }
    // Many at a time, present and absent, in batches of every size up to the scratch's growth.
    const asked = [...expected.keys()].flatMap((id, i) => [id, `1400002${String(i).padStart(6, '0')}`]);
    for (let from = 0, size = 1; from < asked.length; from += size, size = size * 2 + 1) {
      const batch = asked.slice(from, from + size);
      const all: Array<number | undefined> = [];
      map.getAll(batch, batch.length, all);
      expect(all).toEqual(batch.map((id) => expected.get(id)));
    }
  });
});
