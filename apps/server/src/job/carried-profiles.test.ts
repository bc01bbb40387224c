// Carried profiles wait for the batch of the record that carried them: a batch's join never sees
// profiles that a later record brought.
import { describe, expect, it } from 'vitest';
import type { Profile } from '@hashpulse/tweets';
import { profile as idOnly } from '../../test/support/profiles.js';
import { CarriedProfiles } from './carried-profiles.js';

const profile = (id: string): Profile => idOnly(id, { username: `user${id}` });

describe('CarriedProfiles', () => {
  it('gives a batch the profiles of records before its end only, in arrival order, once', () => {
    const queue = new CarriedProfiles();
    queue.add(1500, [profile('a'), profile('b')]);
    queue.add(1999, [profile('c')]);
    queue.add(2000, [profile('d')]);
    queue.add(2500, [profile('e')]);
    // The batch ending at 2000 holds records in [1000, 2000).
    expect(queue.takeBefore(2000).map((p) => p.id)).toEqual(['a', 'b', 'c']);
    expect(queue.takeBefore(2000)).toEqual([]);
    // A record played late (before the batch it lands in) waits for the next batch's join.
    queue.add(1200, [profile('late')]);
    expect(queue.takeBefore(3000).map((p) => p.id)).toEqual(['d', 'e', 'late']);
  });

  it('keeps the records not yet taken when it compacts a long taken front', () => {
    const queue = new CarriedProfiles();
    for (let i = 0; i < 6000; i++) queue.add(i, [profile(`p${i}`)]);
    expect(queue.takeBefore(4500).map((p) => p.id)).toEqual(Array.from({ length: 4500 }, (_, i) => `p${i}`));
    queue.add(5000.5, [profile('late')]);
    expect(queue.takeBefore(5001).map((p) => p.id)).toEqual([
      ...Array.from({ length: 501 }, (_, i) => `p${4500 + i}`),
      'late',
    ]);
    expect(queue.takeBefore(7000).map((p) => p.id)).toEqual(
      Array.from({ length: 999 }, (_, i) => `p${5001 + i}`),
    );
  });

  it('equals a scan of every pending record, whatever order records come in', () => {
    let state = 3;
    const next = (n: number) => ((state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0) >>> 8) % n;
    for (let round = 0; round < 50; round++) {
      const queue = new CarriedProfiles();
      const pending: Array<[number, string]> = [];
      let clock = 0;
      for (let step = 0; step < 200; step++) {
        if (next(4) > 0) {
          // Mostly in time order, sometimes late (before the time already reached).
          clock += next(700);
          const time = next(10) === 0 ? Math.max(0, clock - next(3000)) : clock;
          const id = `${round}-${step}`;
          queue.add(time, [profile(id)]);
          pending.push([time, id]);
        } else {
          const batchTime = clock - next(2000);
          const expected = pending.filter(([time]) => time < batchTime).map(([, id]) => id);
          pending.splice(0, pending.length, ...pending.filter(([time]) => time >= batchTime));
          expect(
            queue.takeBefore(batchTime).map((p) => p.id),
            `round ${round}, step ${step}`,
          ).toEqual(expected);
        }
      }
    }
  });
});
