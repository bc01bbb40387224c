// mergeProfile: nulls never erase known values, and a copy that changes nothing is the known
// profile itself (the stores skip such copies by identity).
import { describe, expect, it } from 'vitest';
import type { Profile } from '@hashpulse/tweets';
import { profile } from '../../test/support/profiles.js';
import { mergeProfile } from './merge-profile.js';

const KNOWN = profile('7', {
  username: 'ada',
  name: 'Ada',
  verified: false,
  followers: 10,
  following: 3,
  tweetCount: 99,
  createdAt: 1_600_000_000_000,
  location: 'London',
});
const BARE = profile('7');

/** A value for each field that differs from KNOWN's. */
const OTHER = profile('7', {
  username: 'x',
  name: 'x',
  verified: true,
  followers: 1,
  following: 1,
  tweetCount: 1,
  createdAt: 1,
  location: 'x',
});

describe('mergeProfile', () => {
  it('takes the new profile when none is known', () => {
    expect(mergeProfile(undefined, KNOWN)).toBe(KNOWN);
  });

  it('returns the known profile itself when the copy adds nothing', () => {
    expect(mergeProfile(KNOWN, { ...KNOWN })).toBe(KNOWN);
    expect(mergeProfile(KNOWN, BARE)).toBe(KNOWN);
  });

  it('keeps known values where the copy has none and takes every value it has', () => {
    for (const field of Object.keys(BARE) as Array<keyof Profile>) {
      if (field === 'id') continue;
      const changed: Profile = { ...BARE, [field]: OTHER[field] };
      const merged = mergeProfile(KNOWN, changed);
      expect(merged, field).not.toBe(KNOWN);
      expect(merged, field).toEqual({ ...KNOWN, [field]: changed[field] });
    }
    expect(KNOWN.username).toBe('ada');
  });
});
