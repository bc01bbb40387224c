// The entries of a partition stream: a record (a decoded tweet with its time and source offset),
// a time mark (no record before it follows) and the end of the stream; each numbered per
// partition, so a worker counts entries trimmed away by MAXLEN before it read them.
import { ClusterProfileSchema, ClusterTweetSchema, z } from '@hashpulse/protocol';
import type { Profile, Tweet } from '@hashpulse/tweets';

export type StreamEntry =
  | { kind: 'record'; id: string; seq: number; time: number; offset: string; tweet: Tweet }
  | { kind: 'mark'; id: string; seq: number; time: number }
  | { kind: 'end'; id: string; seq: number }
  /** Profiles the stream carried (includes.users), sent to every partition for later joins. */
  | { kind: 'profiles'; id: string; seq: number; profiles: Profile[] }
  /** An entry that does not decode: counted as rejected and acknowledged, never retried. */
  | { kind: 'bad'; id: string; seq: number | null; reason: string };

export function recordFields(seq: number, time: number, offset: string, tweet: Tweet): string[] {
  return ['k', 'r', 'n', String(seq), 't', String(time), 'o', offset, 'd', JSON.stringify(tweet)];
}

export function markFields(seq: number, time: number): string[] {
  return ['k', 'm', 'n', String(seq), 't', String(time)];
}

export function profilesFields(seq: number, profiles: readonly Profile[]): string[] {
  return ['k', 'u', 'n', String(seq), 'd', JSON.stringify(profiles)];
}

const ProfilesSchema = z.array(ClusterProfileSchema);

export function endFields(seq: number): string[] {
  return ['k', 'e', 'n', String(seq)];
}

/** Decodes one entry as XREADGROUP / XAUTOCLAIM return it; validated, since it crossed Redis. */
export function decodeEntry(id: string, fields: readonly string[]): StreamEntry {
  const map = new Map<string, string>();
  for (let i = 0; i + 1 < fields.length; i += 2) map.set(fields[i]!, fields[i + 1]!);
  const seqText = map.get('n');
  const seq = seqText === undefined ? NaN : Number(seqText);
  if (!Number.isSafeInteger(seq) || seq < 1) return { kind: 'bad', id, seq: null, reason: 'no entry number' };
  const kind = map.get('k');
  if (kind === 'e') return { kind: 'end', id, seq };
  if (kind === 'u') {
    let json: unknown;
    try {
      json = JSON.parse(map.get('d') ?? '');
    } catch (error) {
      return { kind: 'bad', id, seq, reason: `profiles are not JSON: ${(error as Error).message}` };
    }
    const parsed = ProfilesSchema.safeParse(json);
    if (!parsed.success) return { kind: 'bad', id, seq, reason: `not profiles: ${parsed.error.message}` };
    return { kind: 'profiles', id, seq, profiles: parsed.data };
  }
  const time = Number(map.get('t'));
  if (!Number.isFinite(time)) return { kind: 'bad', id, seq, reason: 'no valid time' };
  if (kind === 'm') return { kind: 'mark', id, seq, time };
  if (kind !== 'r') return { kind: 'bad', id, seq, reason: `unknown entry kind ${String(kind)}` };
  let json: unknown;
  try {
    json = JSON.parse(map.get('d') ?? '');
  } catch (error) {
    return { kind: 'bad', id, seq, reason: `record is not JSON: ${(error as Error).message}` };
  }
  const parsed = ClusterTweetSchema.safeParse(json);
  if (!parsed.success)
    return { kind: 'bad', id, seq, reason: `record is not a tweet: ${parsed.error.message}` };
  return { kind: 'record', id, seq, time, offset: map.get('o') ?? '', tweet: parsed.data };
}

/** XREADGROUP's reply for one stream, or XAUTOCLAIM's entries: [id, fields][] (a deleted entry: fields null). */
export type RawEntries = Array<[string, string[] | null]>;
