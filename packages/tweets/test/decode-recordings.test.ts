// Every real X API v2 recording decodes; primary tweets are counted exactly once and context never.
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type DecodedLine, type Tweet, decodeLine } from '../src/index.js';
import { X_API_V2, recordingLines } from './recordings.js';

type Json = Record<string, unknown>;

function decodeFile(file: string): DecodedLine[] {
  return recordingLines(file).map((line, i) => decodeLine(line, i + 1));
}

function tweetsOf(decoded: DecodedLine[]): Tweet[] {
  return decoded.flatMap((d) => (d.kind === 'tweets' ? d.tweets : []));
}

/** An independent count: the ids of the primary tweets, read straight off the raw JSON. */
function primaryIds(file: string): string[] {
  const ids: string[] = [];
  for (const line of recordingLines(file)) {
    let record: Json;
    try {
      record = JSON.parse(line) as Json;
    } catch {
      continue; // the cut-off line, checked separately
    }
    const data = record.data;
    const entries = Array.isArray(data)
      ? data
      : data
        ? [data]
        : typeof record.text === 'string'
          ? [record]
          : [];
    for (const entry of entries as Json[]) if (typeof entry.text === 'string') ids.push(entry.id as string);
  }
  return ids;
}

function contextIds(file: string): string[] {
  const ids: string[] = [];
  for (const line of recordingLines(file)) {
    try {
      const includes = (JSON.parse(line) as Json).includes as { tweets?: Json[] } | undefined;
      for (const tweet of includes?.tweets ?? []) ids.push(tweet.id as string);
    } catch {
      continue;
    }
  }
  return ids;
}

const TWEET_FILES = [
  'brexit.jsonl',
  'cashtags.jsonl',
  'flat.jsonl',
  'geo_tweets.jsonl',
  'media_policy_violation_off.jsonl',
  'noflat.jsonl',
  'streaming_output_with_error.jsonl',
  'two_tweets.jsonl',
];

describe('decoding the real recordings', () => {
  it('covers every recording in the shared data', () => {
    const all = readdirSync(X_API_V2).filter((f) => f.endsWith('.jsonl'));
    expect([...TWEET_FILES, 'tweets_compliance.jsonl', 'users.jsonl'].sort()).toEqual(all.sort());
  });

  for (const file of TWEET_FILES) {
    it(`${file}: every primary tweet is counted once and referenced tweets never`, () => {
      const decoded = decodeFile(file);
      const ids = tweetsOf(decoded).map((t) => t.id);
      const expected = primaryIds(file);
      expect(expected.length).toBeGreaterThan(0);
      expect(ids).toEqual(expected);
      expect(new Set(ids).size).toBe(ids.length);
      const primary = new Set(expected);
      for (const contextId of contextIds(file)) {
        if (!primary.has(contextId)) expect(ids).not.toContain(contextId);
      }
    });

    it(`${file}: tweets have times, text, authors and profiles`, () => {
      const decoded = decodeFile(file);
      for (const tweet of tweetsOf(decoded)) {
        expect(Number.isFinite(tweet.createdAt)).toBe(true);
        expect(tweet.createdAt).toBeGreaterThan(Date.parse('2006-03-21'));
        expect(tweet.text.length).toBeGreaterThan(0);
        expect(tweet.authorId).toMatch(/^\d+$/);
        expect(tweet.author?.id).toBe(tweet.authorId);
      }
      const profiles = decoded.flatMap((d) => (d.kind === 'tweets' ? d.profiles : []));
      expect(profiles.length).toBeGreaterThan(0);
    });
  }

  it('a v2 page decodes all 100 results with the page counts (brexit.jsonl)', () => {
    const [page] = decodeFile('brexit.jsonl');
    expect(page?.kind).toBe('tweets');
    if (page?.kind !== 'tweets') return;
    expect(page.tweets).toHaveLength(100);
    // includes.users of the page are all handed to the profile store
    expect(page.profiles).toHaveLength(177);
  });

  it('a retweet counts the full text and hashtags of the retweeted tweet, not the cut RT text', () => {
    const tweets = tweetsOf(decodeFile('noflat.jsonl'));
    const retweet = tweets.find((t) => t.id === '1380242611781386245');
    expect(retweet?.isRetweet).toBe(true);
    expect(retweet?.text).toMatch(/^De manera simultánea.*Partido Demócrata hace sentir su regreso\.$/);
    expect(retweet?.mentions).toContain('williamserafino');
    expect(tweets.filter((t) => t.isRetweet && t.text.startsWith('RT @'))).toEqual([]);
  });

  it('flattened tweets decode like the same tweets in pages (flat.jsonl vs noflat.jsonl)', () => {
    const flat = tweetsOf(decodeFile('flat.jsonl'));
    const paged = tweetsOf(decodeFile('noflat.jsonl'));
    const strip = (t: Tweet) => ({ ...t, author: t.author?.id });
    expect(flat.map(strip)).toEqual(paged.map(strip));
  });

  it('hashtags come from the entities, in order', () => {
    const tweets = tweetsOf(decodeFile('geo_tweets.jsonl'));
    const tagged = tweets.find((t) => t.hashtags.length > 0);
    expect(tagged).toBeDefined();
    for (const tag of tagged?.hashtags ?? []) expect(tagged?.text).toContain(`#${tag}`);
  });

  it('the cut-off last line of a stream is rejected with its line number; the others go through', () => {
    const decoded = decodeFile('streaming_output_with_error.jsonl');
    expect(decoded).toHaveLength(8);
    expect(decoded.slice(0, 7).every((d) => d.kind === 'tweets' && d.tweets.length === 1)).toBe(true);
    const last = decoded[7];
    expect(last).toMatchObject({ kind: 'rejected', line: 8 });
    if (last?.kind === 'rejected') expect(last.reason).toMatch(/invalid JSON.*cut off/);
  });

  it('compliance events are notices, never tweets', () => {
    const decoded = decodeFile('tweets_compliance.jsonl');
    expect(decoded.map((d) => d.kind)).toEqual(['notice', 'notice', 'notice']);
    expect(decoded.filter((d) => d.kind === 'notice' && d.notice === 'compliance')).toHaveLength(2);
    expect(decoded[1]).toMatchObject({ message: 'delete 1170025343920402432 (protected)' });
  });

  it('a user-lookup page yields profiles and no tweets; its partial errors are reported', () => {
    const [page] = decodeFile('users.jsonl');
    expect(page?.kind).toBe('tweets');
    if (page?.kind !== 'tweets') return;
    expect(page.tweets).toEqual([]);
    expect(page.profiles.length).toBeGreaterThanOrEqual(96);
    const profile = page.profiles[0];
    expect(profile?.username).toBeTruthy();
    expect(typeof profile?.followers).toBe('number');
    expect(page.warnings?.[0]).toMatch(/Could not find/);
  });

  it('partial API errors of a page are reported while its tweets still count (noflat.jsonl)', () => {
    const [page] = decodeFile('noflat.jsonl');
    expect(page?.kind === 'tweets' && page.tweets.length).toBe(100);
    expect(page?.kind === 'tweets' && page.warnings).toEqual([
      'API errors: Forbidden: User has been suspended: [gatewaypundit].',
    ]);
  });
});
