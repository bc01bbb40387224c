// One tweet of a recording with where it came from, and the order every replay plays in.
import type { Profile, Tweet } from '@hashpulse/tweets';

export interface OrderedRecord {
  tweet: Tweet;
  /** Profiles that came with the tweet's line (includes.users); on the line's first tweet only. */
  profiles: Profile[];
  /** Index of the file in the reader's file list. */
  fileIndex: number;
  /** 1-based line number in that file. */
  line: number;
  /**
   * Tie-break among equal created_at in one file: the position in the file, negated for files
   * that run newest-first (search pages), so equal-second tweets also play oldest-first.
   */
  tie: number;
}

/** created_at first, then file order, then position within the file: a total, stable order. */
export function recordBefore(a: OrderedRecord, b: OrderedRecord): boolean {
  if (a.tweet.createdAt !== b.tweet.createdAt) return a.tweet.createdAt < b.tweet.createdAt;
  if (a.fileIndex !== b.fileIndex) return a.fileIndex < b.fileIndex;
  return a.tie < b.tie;
}

export function compareRecords(a: OrderedRecord, b: OrderedRecord): number {
  return recordBefore(a, b) ? -1 : recordBefore(b, a) ? 1 : 0;
}
