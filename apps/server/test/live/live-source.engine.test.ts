import { ManualClock, StreamingContext } from '@hashpulse/engine';
import type { Tweet } from '@hashpulse/tweets';
import { afterEach, describe, expect, it } from 'vitest';
import {
  fastClock,
  recordedStreamMessages,
  startXApiServer,
  type XApiServer,
} from '../support/x-api/index.js';
import { LiveSource } from '../../src/sources/live/live-source.js';

let server: XApiServer | undefined;
let source: LiveSource | undefined;
let context: StreamingContext | undefined;

afterEach(async () => {
  await context?.stop();
  await source?.stop();
  await server?.close();
  context = source = server = undefined;
});

async function liveSetup(eventTime: 'arrival' | 'created-at') {
  server = await startXApiServer({ keepAliveMs: 60_000 });
  source = new LiveSource({
    stream: 'filtered',
    bearerToken: server.bearerToken,
    baseUrl: server.url,
    ca: server.caPem,
    clock: fastClock(),
    eventTime,
  });
  const messages: string[] = [];
  source.on('message', (line) => messages.push(line));
  return { server, source, messages };
}

describe('live source feeding a streaming context', () => {
  it('delivers every tweet of the stream to the batches of a context on the system clock, once', async () => {
    const { server, source } = await liveSetup('arrival');
    const all = recordedStreamMessages();
    // A reconnect that repeats ten tweets on the way: the batches must still see each tweet once.
    server.control.plan(
      { kind: 'stream', messages: all.slice(0, 100), after: 'drop' },
      { kind: 'stream', messages: all.slice(90), after: 'hold' },
    );
    context = new StreamingContext({ batchIntervalMs: 100, workers: 1 });
    const seen: string[] = [];
    let batchesWithTweets = 0;
    context
      .source(source)
      .map((tweet) => tweet.id)
      .foreachBatch((ids) => {
        if (ids.length > 0) batchesWithTweets += 1;
        seen.push(...ids);
      });
    await context.start();
    await server.control.waitFor(() => seen.length >= all.length, 20_000, 'every tweet in a batch');
    expect(seen).toEqual(all.map((message) => message.data.id));
    expect(batchesWithTweets).toBeGreaterThan(0);
  });

  it('counts hashtags per batch by created_at on a manual clock, as a replay would', async () => {
    const { server, source, messages } = await liveSetup('created-at');
    // The stream delivers in time order (as X does): the recorded tweets of 12 minutes of
    // 2021-09-22 (the brexit search), sorted by created_at.
    const createdAt = (message: { data: Record<string, unknown> }): number =>
      Date.parse(String(message.data.created_at));
    const from = Date.parse('2021-09-22T16:00:00Z');
    const all = recordedStreamMessages()
      .filter((message) => createdAt(message) >= from && createdAt(message) < from + 3_600_000)
      .sort((a, b) => createdAt(a) - createdAt(b));
    expect(all.length).toBeGreaterThan(90);
    server.control.plan({ kind: 'stream', messages: all, after: 'hold' });
    const clock = new ManualClock();
    const batchMs = 60_000;
    context = new StreamingContext({ batchIntervalMs: batchMs, clock, workers: 1 });
    const pushed: Tweet[] = [];
    const perBatch = new Map<number, Map<string, number>>();
    const tweets = context.source(source);
    tweets.foreachBatch((batch) => {
      pushed.push(...batch);
    });
    tweets
      .flatMap((tweet) => tweet.hashtags.map((tag) => tag.toLowerCase()))
      .countByValue()
      .foreachBatch((counts, batchTime) => {
        if (counts.length > 0) perBatch.set(batchTime, new Map(counts));
      });
    await context.start();
    await server.control.waitFor(() => messages.length === all.length, 20_000, 'every message');
    const last = Math.max(...all.map(createdAt));
    await clock.advanceTo(Math.floor(last / batchMs) * batchMs + batchMs);

    expect(pushed.map((tweet) => tweet.id)).toEqual(all.map((message) => message.data.id));
    const expected = new Map<number, Map<string, number>>();
    for (const tweet of pushed) {
      const batchTime = Math.floor(tweet.createdAt / batchMs) * batchMs + batchMs;
      for (const tag of tweet.hashtags.map((t) => t.toLowerCase())) {
        const counts = expected.get(batchTime) ?? new Map<string, number>();
        counts.set(tag, (counts.get(tag) ?? 0) + 1);
        expected.set(batchTime, counts);
      }
    }
    expect(expected.size).toBeGreaterThan(3);
    expect(perBatch).toEqual(expected);
  });
});
