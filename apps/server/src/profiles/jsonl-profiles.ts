// One JSONL line of a profiles file -> profiles. A line is a user-lookup page ({"data":[users]},
// as twarc2 writes users.jsonl), a single-user response ({"data":{user}}) or a bare user object.
import type { Projection } from '@hashpulse/fast-json';
import type { Profile } from '@hashpulse/tweets';
import { profileFromUserObject } from './user-object.js';

/**
 * Every member profilesFromRecord reads, wherever it lies in the record: a line parsed to only
 * these (the native member parser's projection) gives the same profiles and problems as the whole
 * line (jsonl-profiles.test.ts holds the list to the code). A user's description, url, flags and
 * other metrics are left out.
 */
export const PROFILE_MEMBERS: Projection = Object.freeze({
  members: Object.freeze([
    'data',
    'errors',
    'id',
    'id_str',
    'username',
    'screen_name',
    'name',
    'verified',
    'verified_type',
    'public_metrics',
    'followers_count',
    'following_count',
    'friends_count',
    'tweet_count',
    'statuses_count',
    'created_at',
    'location',
  ]),
  wholeMembers: Object.freeze([]),
});

export interface LineProfiles {
  profiles: Profile[];
  /** What was wrong with the line or with some users in it; those users are skipped. */
  problems: string[];
}

export function profilesFromJsonLine(line: string): LineProfiles {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (error) {
    return { profiles: [], problems: [`not valid JSON (${(error as Error).message})`] };
  }
  return profilesFromRecord(value);
}

/** A JSONL line's value (as JSON.parse makes it, or only its PROFILE_MEMBERS) -> profiles. */
export function profilesFromRecord(value: unknown): LineProfiles {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { profiles: [], problems: ['not a JSON object'] };
  }
  const record = value as Record<string, unknown>;
  const data = record.data;
  if (Array.isArray(data)) {
    const profiles: Profile[] = [];
    const problems: string[] = [];
    data.forEach((user, index) => {
      const decoded = profileFromUserObject(user);
      if (decoded.ok) profiles.push(decoded.profile);
      else problems.push(`data[${index}]: ${decoded.reason}`);
    });
    return { profiles, problems };
  }
  if (data !== undefined) {
    const decoded = profileFromUserObject(data);
    return decoded.ok
      ? { profiles: [decoded.profile], problems: [] }
      : { profiles: [], problems: [`data: ${decoded.reason}`] };
  }
  if ('id' in record || 'id_str' in record) {
    const decoded = profileFromUserObject(record);
    return decoded.ok
      ? { profiles: [decoded.profile], problems: [] }
      : { profiles: [], problems: [decoded.reason] };
  }
  // A lookup page whose every user failed has only "errors": a valid answer with no profiles.
  if ('errors' in record) return { profiles: [], problems: [] };
  return { profiles: [], problems: ['neither a user object (no "id") nor a user-lookup page (no "data")'] };
}
