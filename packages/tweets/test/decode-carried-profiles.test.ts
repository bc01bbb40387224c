// DecodeOptions.carriedProfiles: false gives the tweets decodeLine gives, their authors joined
// alike, and no profiles; on every real recording, read as UTF-8 and a byte a character, and on
// messages whose includes.users hold the author among others, twice, or not at all.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeLine, decodeLineBytes, type DecodedLine } from '../src/index.js';
import { X_API_V2, recordingLines } from './recordings.js';

const TWEETS_ONLY = { carriedProfiles: false } as const;

/** What decodeLine makes of the line with its profiles left out. */
function withoutProfiles(decoded: DecodedLine): DecodedLine {
  return decoded.kind === 'tweets' ? { ...decoded, profiles: [] } : decoded;
}

function user(id: string, name: string): Record<string, unknown> {
  return {
    id,
    name,
    username: name.toLowerCase(),
    created_at: '2015-05-01T10:00:00.000Z',
    public_metrics: { followers_count: 10, following_count: 2, tweet_count: 30, listed_count: 0 },
  };
}

function message(authorId: string | undefined, users: unknown[]): string {
  return JSON.stringify({
    data: {
      id: '1763534649572696065',
      text: 'a reply to Bob #Tag',
      created_at: '2024-03-01T12:00:00.000Z',
      ...(authorId === undefined ? {} : { author_id: authorId }),
      entities: { hashtags: [{ start: 16, end: 19, tag: 'Tag' }] },
    },
    includes: { users },
  });
}

function tweetsOf(decoded: DecodedLine) {
  if (decoded.kind !== 'tweets') throw new Error(`expected tweets, got ${JSON.stringify(decoded)}`);
  return decoded;
}

describe('decoding without carried profiles', () => {
  const recordings = readdirSync(X_API_V2).filter((name) => name.endsWith('.jsonl'));

  it.each(recordings)('%s: the same tweets and authors, no profiles', (file) => {
    const bytes = readFileSync(path.join(X_API_V2, file));
    let carried = 0;
    recordingLines(file).forEach((line, i) => {
      const full = decodeLine(line, i + 1);
      if (full.kind === 'tweets') carried += full.profiles.length;
      expect(decodeLine(line, i + 1, TWEETS_ONLY)).toEqual(withoutProfiles(full));
    });
    // The same, from the file's bytes (as the replay reads lines).
    for (let start = 0, i = 1; start < bytes.length; i++) {
      const end = bytes.indexOf(10, start) === -1 ? bytes.length : bytes.indexOf(10, start);
      const full = decodeLineBytes(bytes, start, end, i);
      expect(decodeLineBytes(bytes, start, end, i, TWEETS_ONLY)).toEqual(withoutProfiles(full));
      start = end + 1;
    }
    // Not a vacuous check where the recording carries profiles at all.
    if (file === 'flat.jsonl' || file === 'noflat.jsonl') expect(carried).toBeGreaterThan(0);
  });

  it("joins a message's author from among the other users it carries", () => {
    const line = message('2', [user('1', 'Bob'), user('2', 'Ann'), user('3', 'Cy')]);
    const full = tweetsOf(decodeLine(line, 1));
    const only = tweetsOf(decodeLine(line, 1, TWEETS_ONLY));
    expect(full.profiles.map((profile) => profile.id)).toEqual(['1', '2', '3']);
    expect(only.profiles).toEqual([]);
    expect(only.tweets[0]!.author).toEqual(full.tweets[0]!.author);
    expect(only.tweets[0]!.author?.name).toBe('Ann');
  });

  it('takes the last of an author listed twice, as the full decode does', () => {
    const line = message('2', [user('2', 'First'), user('1', 'Bob'), user('2', 'Last'), 'not a user']);
    const only = tweetsOf(decodeLine(line, 1, TWEETS_ONLY));
    expect(only.tweets[0]!.author?.name).toBe('Last');
    expect(only.tweets).toEqual(tweetsOf(decodeLine(line, 1)).tweets);
  });

  it('joins nobody when the author is not among the users, or the tweet names none', () => {
    for (const line of [message('9', [user('1', 'Bob')]), message(undefined, [user('1', 'Bob')])]) {
      const only = tweetsOf(decodeLine(line, 1, TWEETS_ONLY));
      expect(only.tweets[0]!.author).toBeNull();
      expect(only).toEqual(withoutProfiles(decodeLine(line, 1)));
    }
  });

  it("joins every author of a page's tweets", () => {
    const tweet = (id: string, authorId: string) => ({
      id,
      text: `tweet ${id}`,
      created_at: '2024-03-01T12:00:00.000Z',
      author_id: authorId,
    });
    const line = JSON.stringify({
      data: [tweet('11', '1'), tweet('12', '2')],
      includes: { users: [user('1', 'Bob'), user('2', 'Ann'), user('3', 'Cy')] },
    });
    const only = tweetsOf(decodeLine(line, 1, TWEETS_ONLY));
    expect(only.tweets.map((t) => t.author?.name)).toEqual(['Bob', 'Ann']);
    expect(only).toEqual(withoutProfiles(decodeLine(line, 1)));
  });

  it('leaves out the profiles of v1.1 statuses and flattened tweets too', () => {
    const v1 = JSON.stringify({
      id_str: '5',
      text: 'hello',
      created_at: 'Wed Oct 10 20:19:24 +0000 2018',
      user: { id_str: '7', screen_name: 'ann', name: 'Ann' },
    });
    const flattened = JSON.stringify({
      id: '6',
      text: 'hi',
      created_at: '2024-03-01T12:00:00.000Z',
      author_id: '7',
      author: user('7', 'Ann'),
    });
    for (const line of [v1, flattened]) {
      const full = tweetsOf(decodeLine(line, 1));
      expect(full.profiles.length).toBeGreaterThan(0);
      expect(decodeLine(line, 1, TWEETS_ONLY)).toEqual(withoutProfiles(full));
    }
  });
});
