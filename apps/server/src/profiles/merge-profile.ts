// Merging a newly seen profile into a known one: stream profiles often carry fewer fields than the
// loaded ones (it depends on the user.fields a request asked for), so nulls never erase known values.
import type { Profile } from '@hashpulse/tweets';

/**
 * The known profile updated by `next`: `known` itself when `next` changes nothing. Most stream
 * copies of a profile repeat what is known, and a store adds every author of every batch, so the
 * unchanged case allocates nothing and callers can tell it by identity.
 */
export function mergeProfile(known: Profile | undefined, next: Profile): Profile {
  if (known === undefined) return next;
  const username = next.username ?? known.username;
  const name = next.name ?? known.name;
  const verified = next.verified ?? known.verified;
  const followers = next.followers ?? known.followers;
  const following = next.following ?? known.following;
  const tweetCount = next.tweetCount ?? known.tweetCount;
  const createdAt = next.createdAt ?? known.createdAt;
  const location = next.location ?? known.location;
  if (
    username === known.username &&
    name === known.name &&
    verified === known.verified &&
    followers === known.followers &&
    following === known.following &&
    tweetCount === known.tweetCount &&
    createdAt === known.createdAt &&
    location === known.location
  ) {
    return known;
  }
  return { id: next.id, username, name, verified, followers, following, tweetCount, createdAt, location };
}
