// RecentProfiles against a plain recency list: which authors it still names after any sequence of
// sightings, and a copy restored from its entries naming the same.
import { describe, expect, it } from 'vitest';
import type { Profile } from '@hashpulse/tweets';
import { profile } from '../../test/support/profiles.js';
import { RecentProfiles } from './recent-profiles.js';

describe('RecentProfiles', () => {
  it('names at least the last `size` distinct authors seen, with their latest profile, and at most twice that', () => {
    const size = 4;
    const recent = new RecentProfiles(size);
    const order: string[] = []; // distinct ids, most recent last
    const latest = new Map<string, Profile>();
    let state = 7;
    for (let i = 0; i < 500; i++) {
      state = (state * 1103515245 + 12345) % 2 ** 31;
      const id = `u${state % 11}`;
      // A new copy now and then (a changed follower count), else the same object again.
      const copy = state % 5 === 0 || !latest.has(id) ? profile(id, { followers: i }) : latest.get(id)!;
      recent.see(copy);
      latest.set(id, copy);
      const at = order.indexOf(id);
      if (at >= 0) order.splice(at, 1);
      order.push(id);
      for (const kept of order.slice(-size))
        expect(recent.get(kept), `step ${i}, ${kept}`).toBe(latest.get(kept));
      const named = order.filter((id) => recent.get(id) !== undefined);
      expect(named.length).toBeLessThanOrEqual(2 * size);
      for (const id of named) expect(recent.get(id)).toBe(latest.get(id));
      const restored = new RecentProfiles(size);
      for (const [, seen] of recent.entries()) restored.see(seen);
      for (const id of order) expect(restored.get(id), `restored at step ${i}`).toBe(recent.get(id));
    }
  });

  it('keeps an unchanged author’s entry as it is', () => {
    const recent = new RecentProfiles(2);
    const one = profile('one');
    recent.see(one);
    recent.see(one);
    recent.see(profile('two')); // the newer generation fills with two distinct authors
    expect(recent.get('one')).toBe(one);
    expect([...recent.entries()].map(([id]) => id)).toEqual(['one', 'two']);
  });
});
