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
});
