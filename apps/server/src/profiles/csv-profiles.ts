// CSV profiles: a header row naming the columns, then one profile per line (no line breaks inside
// fields). Columns, in any order, names case-insensitive (aliases in brackets, e.g. twarc-csv's):
//   id (required) [id_str, user_id]                  username [screen_name]          name
//   verified: true/false/1/0/yes/no                  location
//   followers [followers_count, public_metrics.followers_count]
//   following [following_count, friends_count, public_metrics.following_count]
//   tweet_count [tweets, statuses_count, public_metrics.tweet_count]
//   created_at: ISO 8601 (or any date Date.parse reads) or epoch milliseconds
// Other columns are ignored; an empty cell is "unknown" (null).
import type { Profile } from '@hashpulse/tweets';
import type { ProfileDecodeResult } from './user-object.js';

type Field =
  | 'id'
  | 'username'
  | 'name'
  | 'verified'
  | 'followers'
  | 'following'
  | 'tweetCount'
  | 'createdAt'
  | 'location';

const ALIASES: Record<string, Field> = {
  id: 'id',
  id_str: 'id',
  user_id: 'id',
  username: 'username',
  screen_name: 'username',
  name: 'name',
  verified: 'verified',
  followers: 'followers',
  followers_count: 'followers',
  'public_metrics.followers_count': 'followers',
  following: 'following',
  following_count: 'following',
  friends_count: 'following',
  'public_metrics.following_count': 'following',
  tweet_count: 'tweetCount',
  tweets: 'tweetCount',
  statuses_count: 'tweetCount',
  'public_metrics.tweet_count': 'tweetCount',
  created_at: 'createdAt',
  location: 'location',
};

export interface CsvColumns {
  /** How many fields every row must have. */
  width: number;
  /** Index of each known field in a row. */
  index: Partial<Record<Field, number>>;
}

/** Reads the header row; a header that cannot work is a `reason` that ends the file, not a line. */
export function csvColumns(header: readonly string[]): CsvColumns | { reason: string } {
  const index: Partial<Record<Field, number>> = {};
  for (const [position, raw] of header.entries()) {
    const name = raw.trim().toLowerCase();
    const field = ALIASES[name];
    if (field === undefined) continue;
    const earlier = index[field];
    if (earlier !== undefined) {
      return { reason: `columns "${header[earlier]}" and "${raw}" both give ${field}: keep one of them` };
    }
    index[field] = position;
  }
  if (index.id === undefined) {
    return {
      reason: `the header row (${header.join(',')}) has no id column: the first line must name the columns, one of them "id"`,
    };
  }
  return { width: header.length, index };
}

class CellError extends Error {}

function cell(fields: readonly string[], columns: CsvColumns, field: Field): string | null {
  const position = columns.index[field];
  if (position === undefined) return null;
  const value = fields[position];
  return value === undefined || value.trim() === '' ? null : value;
}

function countCell(fields: readonly string[], columns: CsvColumns, field: Field): number | null {
  const value = cell(fields, columns, field);
  if (value === null) return null;
  const trimmed = value.trim();
  const number = Number(trimmed);
  if (!/^\d+$/.test(trimmed) || !Number.isSafeInteger(number)) {
    throw new CellError(`${field} "${value}" is not a non-negative integer`);
  }
  return number;
}

const TRUE = new Set(['true', '1', 'yes', 't', 'y']);
const FALSE = new Set(['false', '0', 'no', 'f', 'n']);

function verifiedCell(fields: readonly string[], columns: CsvColumns): boolean | null {
  const value = cell(fields, columns, 'verified');
  if (value === null) return null;
  const lower = value.trim().toLowerCase();
  if (TRUE.has(lower)) return true;
  if (FALSE.has(lower)) return false;
  throw new CellError(`verified "${value}" is not true/false`);
}

function createdAtCell(fields: readonly string[], columns: CsvColumns): number | null {
  const value = cell(fields, columns, 'createdAt');
  if (value === null) return null;
  const trimmed = value.trim();
  const ms = /^\d+$/.test(trimmed) ? Number(trimmed) : Date.parse(trimmed);
  if (!Number.isFinite(ms)) throw new CellError(`created_at "${value}" is not a date`);
  return ms;
}

export function profileFromCsvFields(fields: readonly string[], columns: CsvColumns): ProfileDecodeResult {
  if (fields.length !== columns.width) {
    return { ok: false, reason: `expected ${columns.width} fields as in the header, got ${fields.length}` };
  }
  const id = cell(fields, columns, 'id')?.trim() ?? null;
  if (id === null) return { ok: false, reason: 'the id cell is empty' };
  if (!/^\d+$/.test(id)) return { ok: false, reason: `id "${id}" is not a string of digits` };
  try {
    const profile: Profile = {
      id,
      username: cell(fields, columns, 'username'),
      name: cell(fields, columns, 'name'),
      verified: verifiedCell(fields, columns),
      followers: countCell(fields, columns, 'followers'),
      following: countCell(fields, columns, 'following'),
      tweetCount: countCell(fields, columns, 'tweetCount'),
      createdAt: createdAtCell(fields, columns),
      location: cell(fields, columns, 'location'),
    };
    return { ok: true, profile };
  } catch (error) {
    if (error instanceof CellError) return { ok: false, reason: error.message };
    throw error;
  }
}
