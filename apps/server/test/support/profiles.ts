// Test support: a profile with only its id known, and whichever fields a test sets.
import type { Profile } from '@hashpulse/tweets';

export function profile(id: string, fields: Partial<Profile> = {}): Profile {
  return {
    id,
    username: null,
    name: null,
    verified: null,
    followers: null,
    following: null,
    tweetCount: null,
    createdAt: null,
    location: null,
    ...fields,
  };
}
