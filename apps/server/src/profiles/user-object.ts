// Maps an X user object to a Profile: API v2 (public_metrics...) and, because exports of older
// archives still use it, v1.1 (id_str, screen_name, followers_count...). Pure, no I/O.
import type { Profile } from '@hashpulse/tweets';

export type ProfileDecodeResult = { ok: true; profile: Profile } | { ok: false; reason: string };

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Thrown inside this module only, turned into a `reason` by profileFromUserObject. */
class FieldError extends Error {}

function idOf(user: Json): string {
  const raw = user.id_str ?? user.id;
  if (typeof raw === 'string' && /^\d+$/.test(raw)) return raw;
  // A numeric id is exact only up to 2^53; larger X ids have already lost digits in JSON.parse.
  if (typeof raw === 'number' && Number.isSafeInteger(raw) && raw >= 0) return String(raw);
  if (raw === undefined) throw new FieldError('user object has no id');
  throw new FieldError(`user id ${JSON.stringify(raw)} is not a string of digits`);
}

function text(user: Json, key: string): string | null {
  const value = user[key];
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') throw new FieldError(`${key} is not a string`);
  return value;
}

function count(source: Json, key: string, label: string): number | null {
  const value = source[key];
  if (value === undefined || value === null) return null;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new FieldError(`${label} ${JSON.stringify(value)} is not a non-negative integer`);
  }
  return value;
}

function verifiedOf(user: Json): boolean | null {
  const verified = user.verified;
  if (typeof verified === 'boolean') return verified;
  if (verified !== undefined && verified !== null) throw new FieldError('verified is not a boolean');
  // Newer v2 payloads may carry only verified_type ("blue", "business", "government", "none").
  const type = user.verified_type;
  if (typeof type === 'string') return type !== 'none';
  return null;
}

function createdAtOf(user: Json): number | null {
  const value = user.created_at;
  if (value === undefined || value === null) return null;
  const ms = typeof value === 'string' ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(ms)) throw new FieldError(`created_at ${JSON.stringify(value)} is not a date`);
  return ms;
}

/** Decodes one user object; a bad field makes the whole object a reported reason, never a guess. */
export function profileFromUserObject(value: unknown): ProfileDecodeResult {
  if (!isObject(value)) return { ok: false, reason: 'not a JSON object' };
  try {
    const metrics = value.public_metrics;
    if (metrics !== undefined && metrics !== null && !isObject(metrics)) {
      throw new FieldError('public_metrics is not an object');
    }
    const m: Json = metrics ?? {};
    const profile: Profile = {
      id: idOf(value),
      username: text(value, 'username') ?? text(value, 'screen_name'),
      name: text(value, 'name'),
      verified: verifiedOf(value),
      followers:
        count(m, 'followers_count', 'public_metrics.followers_count') ??
        count(value, 'followers_count', 'followers_count'),
      following:
        count(m, 'following_count', 'public_metrics.following_count') ??
        count(value, 'friends_count', 'friends_count'),
      tweetCount:
        count(m, 'tweet_count', 'public_metrics.tweet_count') ??
        count(value, 'statuses_count', 'statuses_count'),
      createdAt: createdAtOf(value),
      location: text(value, 'location'),
    };
    return { ok: true, profile };
  } catch (error) {
    if (error instanceof FieldError) return { ok: false, reason: error.message };
    throw error;
  }
}
