// The ingest sink on a live source's wall clock: records take the clock's time, and while no tweet
// comes the sink still marks each new batch interval, so every partition's batches close.
import type { Tweet } from '@hashpulse/tweets';
import type { Redis } from 'ioredis';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ClusterKeys } from './cluster-keys.js';
import { PartitionBatcher, type Flush } from './partition-batcher.js';
import { decodeEntry, type StreamEntry } from './stream-entry.js';
import { StreamIngest } from './stream-ingest.js';

const tweet = (id: string): Tweet => ({
  id,
  createdAt: 0,
  text: `tweet ${id}`,
  lang: 'en',
  authorId: null,
  hashtags: [],
  mentions: [],
  isRetweet: false,
  isQuote: false,
  isReply: false,
  author: null,
});

/** What the sink appends, per stream key, as the workers would read it back. */
function fakeRedis() {
  const streams = new Map<string, StreamEntry[]>();
  let id = 0;
  const redis = {
    xrevrange: () => Promise.resolve([]),
    xadd: (key: string, ...args: string[]) => {
      const fields = args.slice(args.indexOf('*') + 1).map(String);
      const entry = decodeEntry(`${++id}-0`, fields);
      streams.set(key, [...(streams.get(key) ?? []), entry]);
      return Promise.resolve(entry.id);
    },
  };
  return { redis: redis as unknown as Redis, streams };
}

const keys = new ClusterKeys('t', 2).forRun(0);

function sink(redis: Redis, wallClock?: () => number) {
  return new StreamIngest(redis, {
    keys,
    batchIntervalMs: 1000,
    maxLen: 1000,
    offset: () => '0:0',
    onWarning: () => undefined,
    onFailure: () => undefined,
    ...(wallClock ? { wallClock } : {}),
  });
}

describe('the ingest sink of a live source', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('pushes records at wall-clock time and marks each new interval while the stream is quiet', async () => {
    const { redis, streams } = fakeRedis();
    let now = 10_250;
    const ingest = sink(redis, () => now);
    await ingest.init();
    ingest.push(tweet('1'));
    now = 10_900;
    ingest.push(tweet('2'));
    now = 11_100;
    ingest.push(tweet('3'));
    const times = [...streams.values()].flat().flatMap((e) => (e.kind === 'record' ? [e.time] : []));
    expect(times.sort()).toEqual([10_250, 10_900, 11_100]);

    // Quiet: no tweet for two intervals. The timer marks 13,000 in every partition, once.
    now = 13_050;
    await vi.advanceTimersByTimeAsync(1000);
    const marks = (p: number) =>
      streams.get(keys.records(p))!.flatMap((e) => (e.kind === 'mark' ? [e.time] : []));
    for (const p of [0, 1]) expect(marks(p)).toEqual([10_000, 11_000, 13_000]);

    // A worker of each partition closes every batch up to the mark, without a later tweet.
    const closed: Flush[] = [];
    for (const p of [0, 1]) {
      const batcher = new PartitionBatcher(1000, { wm: Number.NEGATIVE_INFINITY, seq: 0 });
      for (const entry of streams.get(keys.records(p))!) {
        const flush = batcher.handle(entry);
        if (flush !== null) closed.push(flush);
      }
      expect(batcher.idle, `partition ${p} holds nothing open`).toBe(true);
    }
    const tweets = (time: number) =>
      closed.filter((f) => f.batch?.time === time).reduce((n, f) => n + f.batch!.tweets.length, 0);
    // (A batch's time is its end.)
    expect([tweets(11_000), tweets(12_000)]).toEqual([2, 1]);
    expect(closed.filter((f) => f.wm === 13_000).length).toBe(2);

    // Stopped: no more marks, however long the clock runs.
    ingest.close();
    now = 20_000;
    await vi.advanceTimersByTimeAsync(5000);
    for (const p of [0, 1]) expect(marks(p)).toEqual([10_000, 11_000, 13_000]);
  });

  it('keeps a replay on its own event time: records default to the last one, no timer marks', async () => {
    const { redis, streams } = fakeRedis();
    const ingest = sink(redis);
    await ingest.init();
    ingest.push(tweet('1'), 5_500);
    ingest.push(tweet('2'));
    await vi.advanceTimersByTimeAsync(5000);
    const entries = [...streams.values()].flat();
    expect(entries.flatMap((e) => (e.kind === 'record' ? [e.time] : []))).toEqual([5_500, 5_500]);
    expect(entries.filter((e) => e.kind === 'mark').map((e) => e.kind === 'mark' && e.time)).toEqual([
      5_000, 5_000,
    ]);
  });
});
