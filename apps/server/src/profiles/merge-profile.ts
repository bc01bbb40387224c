// Merging a newly seen profile into a known one: stream profiles often carry fewer fields than the
// loaded ones (it depends on the user.fields a request asked for), so nulls never erase known values.
import type { Profile } from '@hashpulse/tweets';

export function mergeProfile(known: Profile | undefined, next: Profile): Profile {
  if (known === undefined) return next;
  return {
    id: next.id,
    username: next.username ?? known.username,
    name: next.name ?? known.name,
    verified: next.verified ?? known.verified,
    followers: next.followers ?? known.followers,
    following: next.following ?? known.following,
    tweetCount: next.tweetCount ?? known.tweetCount,
    createdAt: next.createdAt ?? known.createdAt,
    location: next.location ?? known.location,
  };
}
