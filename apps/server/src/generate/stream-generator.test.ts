import { decodeLine, type Tweet } from '@hashpulse/tweets';
import { describe, expect, it } from 'vitest';
import { generateMessages, generateProfiles } from './stream-generator.js';
import { DEFAULT_STREAM_OPTIONS, InvalidGenerateOptionError, type StreamOptions } from './options.js';

const TEN_MINUTES: StreamOptions = { ...DEFAULT_STREAM_OPTIONS, minutes: 10, rate: 20, seed: 7 };

function decodeAll(options: StreamOptions): { lines: string[]; tweets: Tweet[] } {
  const lines: string[] = [];
  const tweets: Tweet[] = [];
  for (const { message } of generateMessages(options)) {
    const line = JSON.stringify(message);
    lines.push(line);
    const decoded = decodeLine(line, lines.length);
    if (decoded.kind !== 'tweets')
      throw new Error(`line ${lines.length} did not decode: ${JSON.stringify(decoded)}`);
    tweets.push(...decoded.tweets);
  }
  return { lines, tweets };
}

const stream = decodeAll(TEN_MINUTES);
const profiles = [...generateProfiles(TEN_MINUTES)];

function countBy<T>(items: T[], key: (item: T) => string | null): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) {
    const k = key(item);
    if (k !== null) counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  return counts;
}

describe('synthetic stream', () => {
  it('decodes into one stream tweet per line, in created_at order, at about the requested rate', () => {
    const { lines, tweets } = stream;
    expect(tweets).toHaveLength(lines.length);
    const expected = 10 * 60 * 20;
    expect(Math.abs(tweets.length - expected)).toBeLessThan(5 * Math.sqrt(expected) + 0.05 * expected);
    for (let i = 1; i < tweets.length; i++)
      expect(tweets[i]!.createdAt).toBeGreaterThanOrEqual(tweets[i - 1]!.createdAt);
    expect(tweets[0]!.createdAt).toBeGreaterThanOrEqual(TEN_MINUTES.startMs);
    expect(tweets.at(-1)!.createdAt).toBeLessThan(TEN_MINUTES.startMs + 10 * 60_000);
    expect(new Set(tweets.map((tweet) => tweet.id)).size).toBe(tweets.length);
  });

  it('has hashtags whose entity offsets point at the text, counted in code points', () => {
    for (const line of stream.lines.slice(0, 2000)) {
      const data = (
        JSON.parse(line) as {
          data: { text: string; entities?: { hashtags?: { start: number; end: number; tag: string }[] } };
        }
      ).data;
      const points = [...data.text];
      for (const tag of data.entities?.hashtags ?? []) {
        expect(points.slice(tag.start, tag.end).join('')).toBe(`#${tag.tag}`);
      }
    }
  });

  it('draws hashtags from a Zipf-like distribution with mixed spellings and non-Latin tags', () => {
    const byKey = countBy(
      stream.tweets.flatMap((tweet) => tweet.hashtags),
      (tag) => tag.toLowerCase(),
    );
    const ranked = [...byKey.values()].sort((a, b) => b - a);
    // Heavy head, long tail: the top tag is far above the 20th, and many tags are rare.
    expect(ranked[0]!).toBeGreaterThan(5 * ranked[19]!);
    expect(ranked.filter((count) => count <= 3).length).toBeGreaterThan(100);
    const spellings = new Set(
      stream.tweets.flatMap((tweet) => tweet.hashtags).filter((tag) => tag.toLowerCase() === 'brexit'),
    );
    expect([...spellings].sort()).toEqual(['BREXIT', 'Brexit', 'brexit']);
    const all = new Set(stream.tweets.flatMap((tweet) => tweet.hashtags));
    expect([...all].some((tag) => /\p{Script=Greek}/u.test(tag))).toBe(true);
    expect([...all].some((tag) => /\p{Script=Hangul}/u.test(tag))).toBe(true);
    expect([...all].some((tag) => /\p{Script=Han}/u.test(tag))).toBe(true);
  });

  it('has bursts: a trend tag surges to many times its usual per-minute count and fades', () => {
    const perMinute = new Map<string, number[]>();
    for (const tweet of stream.tweets) {
      const minute = Math.floor((tweet.createdAt - TEN_MINUTES.startMs) / 60_000);
      for (const tag of new Set(tweet.hashtags.map((t) => t.toLowerCase()))) {
        const counts = perMinute.get(tag) ?? new Array<number>(10).fill(0);
        counts[minute]!++;
        perMinute.set(tag, counts);
      }
    }
    const surging = [...perMinute].filter(([, counts]) => {
      const sorted = [...counts].sort((a, b) => a - b);
      const peak = sorted.at(-1)!;
      const median = sorted[4]!;
      return peak >= 100 && peak >= 3 * Math.max(1, median);
    });
    expect(surging.length).toBeGreaterThan(0);
  });

  it('mixes languages (mostly English), tweet kinds, and sentiment cues', () => {
    const langs = countBy(stream.tweets, (tweet) => tweet.lang);
    expect(langs.get('en')! / stream.tweets.length).toBeGreaterThan(0.55);
    for (const lang of ['es', 'de', 'fr', 'el', 'tr', 'ko', 'ja'])
      expect(langs.get(lang) ?? 0).toBeGreaterThan(20);
    const share = (predicate: (tweet: Tweet) => boolean) =>
      stream.tweets.filter(predicate).length / stream.tweets.length;
    expect(share((tweet) => tweet.isRetweet)).toBeGreaterThan(0.15);
    expect(share((tweet) => tweet.isReply)).toBeGreaterThan(0.08);
    expect(share((tweet) => tweet.isQuote)).toBeGreaterThan(0.03);
    const english = stream.tweets.filter((tweet) => tweet.lang === 'en').map((tweet) => tweet.text);
    expect(english.filter((text) => /love|great|proud|brilliant|happy/i.test(text)).length).toBeGreaterThan(
      500,
    );
    expect(english.filter((text) => /hate|disaster|worst|awful|terrible/i.test(text)).length).toBeGreaterThan(
      500,
    );
    expect(english.filter((text) => /\p{Extended_Pictographic}/u.test(text)).length).toBeGreaterThan(500);
  });

  it('comes with heavy-tailed profiles, a few verified, and authors missing from the file', () => {
    const followers = profiles
      .map((user) => (user.public_metrics as { followers_count: number }).followers_count)
      .sort((a, b) => a - b);
    const median = followers[Math.floor(followers.length / 2)]!;
    expect(followers.at(-1)!).toBeGreaterThan(100 * median);
    expect(profiles.some((user) => user.verified === true)).toBe(true);
    expect(profiles.filter((user) => user.verified === true).length / profiles.length).toBeLessThan(0.05);
    const known = new Set(profiles.map((user) => user.id as string));
    const missing =
      stream.tweets.filter((tweet) => !known.has(tweet.authorId!)).length / stream.tweets.length;
    expect(missing).toBeGreaterThan(0.02);
    expect(missing).toBeLessThan(0.2);
  });

  it('is deterministic for a seed and differs between seeds', () => {
    const options = { ...TEN_MINUTES, minutes: 0.5 };
    const first = [...generateMessages(options)].map((item) => JSON.stringify(item.message)).join('\n');
    const again = [...generateMessages(options)].map((item) => JSON.stringify(item.message)).join('\n');
    const other = [...generateMessages({ ...options, seed: 8 })]
      .map((item) => JSON.stringify(item.message))
      .join('\n');
    expect(again).toBe(first);
    expect(other).not.toBe(first);
  });

  it('refuses options out of range with the option named', () => {
    expect(() => generateMessages({ ...TEN_MINUTES, rate: 0 }).next()).toThrow(InvalidGenerateOptionError);
    expect(() => generateMessages({ ...TEN_MINUTES, minutes: -1 }).next()).toThrow(/--minutes/);
  });
});
