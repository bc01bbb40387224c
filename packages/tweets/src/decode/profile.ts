// Reads author profiles from X API v2 user objects and v1.1 user objects.
import type { Profile } from '../tweet.js';
import { type JsonObject, bool, id, num, obj, str } from './json.js';
import { parseCreatedAt } from './time.js';

/** `verified`, or for newer v2 payloads that only carry it, `verified_type` ("blue", "none"...). */
function verifiedOf(user: JsonObject): boolean | null {
  const verified = bool(user.verified);
  if (verified !== null) return verified;
  const type = str(user.verified_type);
  return type !== null ? type !== 'none' : null;
}

/** A v2 user object (includes.users, a flattened `author`, a user-lookup page entry). */
export function profileFromV2(user: JsonObject): Profile | null {
  const userId = id(user.id);
  if (userId === null) return null;
  const metrics = obj(user.public_metrics);
  return {
    id: userId,
    username: str(user.username),
    name: str(user.name),
    verified: verifiedOf(user),
    followers: metrics ? num(metrics.followers_count) : null,
    following: metrics ? num(metrics.following_count) : null,
    tweetCount: metrics ? num(metrics.tweet_count) : null,
    createdAt: parseCreatedAt(str(user.created_at)),
    location: str(user.location),
  };
}

/** A v1.1 user object (the `user` member of a classic status). */
export function profileFromV1(user: JsonObject): Profile | null {
  const userId = id(user.id_str) ?? id(user.id);
  if (userId === null) return null;
  return {
    id: userId,
    username: str(user.screen_name),
    name: str(user.name),
    verified: bool(user.verified),
    followers: num(user.followers_count),
    following: num(user.friends_count),
    tweetCount: num(user.statuses_count),
    createdAt: parseCreatedAt(str(user.created_at)),
    location: str(user.location),
  };
}

/** True when a v2 `data` entry is a user (user-lookup pages) rather than a tweet. */
export function looksLikeV2User(entry: JsonObject): boolean {
  return typeof entry.username === 'string' && entry.text === undefined;
}
