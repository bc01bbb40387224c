import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ManualClock, StreamingContext } from '@hashpulse/engine';
import { FeedTweetSchema, WindowUpdateSchema, type FeedTweet, type WindowUpdate } from '@hashpulse/protocol';
import type { Tweet } from '@hashpulse/tweets';
import { profile } from '../../test/support/profiles.js';
import { MemoryProfileStore, type ProfileStore } from '../profiles/index.js';
import { AnalyticsJob } from './analytics-job.js';

const T0 = Date.UTC(2024, 2, 1, 12, 0, 0);

function tweet(id: number, time: number, text: string, hashtags: string[]): Tweet {
  return {
    id: String(id),
    createdAt: time,
    text,
    lang: 'en',
    authorId: `a${id % 3}`,
    hashtags,
    mentions: [],
    isRetweet: false,
    isQuote: false,
    isReply: false,
    author: null,
  };
}

async function runJob(tweets: Tweet[], retentionMs = 3_600_000, authorWindows = true) {
  const clock = new ManualClock();
  const context = new StreamingContext({ batchIntervalMs: 1000, clock, workers: 1, retentionMs });
  const { source, stream } = context.queueSource<Tweet>('tweets');
  const job = new AnalyticsJob({
    context,
    tweets: stream,
    profiles: new MemoryProfileStore(),
    window: context.windowSpec({ windowLengthMs: 60_000, slideMs: 10_000 }),
    authorWindows,
  });
  const windows: WindowUpdate[] = [];
  const feed: FeedTweet[] = [];
  job.on('window', (update) => windows.push(update));
  job.on('tweets', (tweets) => feed.push(...tweets));
  await context.start();
  for (const item of tweets) source.push(item, item.createdAt);
  await context.advanceToLastWindow();
  await context.stop({ graceful: true });
  return { job, windows, feed };
}

/** The job on `store` (1-minute window sliding every 10 s), run to its first slide; still running. */
async function runToFirstSlide(tweets: Tweet[], store: ProfileStore) {
  const clock = new ManualClock();
  const context = new StreamingContext({ batchIntervalMs: 1000, clock, workers: 1 });
  const { source, stream } = context.queueSource<Tweet>('tweets');
  const window = context.windowSpec({ windowLengthMs: 60_000, slideMs: 10_000 });
  const job = new AnalyticsJob({ context, tweets: stream, profiles: store, window });
  const windows: WindowUpdate[] = [];
  job.on('window', (update) => windows.push(update));
  await context.start();
  for (const item of tweets) source.push(item, item.createdAt);
  await clock.advanceTo(T0 + 10_000);
  return { job, windows, context };
}

describe('the analytics job', () => {
  it('without its author windows (offline) gives the same windows, only without top authors', async () => {
    const tweets = Array.from({ length: 400 }, (_, i) =>
      tweet(
        i,
        T0 + i * 370,
        i % 4 === 0 ? 'great day #Vote #News' : 'awful #news',
        i % 4 === 0 ? ['Vote', 'News'] : ['news'],
      ),
    );
    const all = await runJob(tweets);
    const lean = await runJob(tweets, 3_600_000, false);
    expect(lean.windows.length).toBe(all.windows.length);
    expect(all.windows.some((w) => w.profiles.topAuthors.length > 0)).toBe(true);
    const withoutAuthors = (w: WindowUpdate) => ({ ...w, profiles: { ...w.profiles, topAuthors: [] } });
    expect(lean.windows).toEqual(all.windows.map(withoutAuthors));
    expect(lean.job.hashtagDetail('vote').topAuthors).toEqual([]);
  });

  it('counts hashtags case-insensitively and shows the most frequent spelling', async () => {
    const { windows } = await runJob([
      tweet(1, T0 + 1000, 'I love this #Brexit', ['Brexit']),
      tweet(2, T0 + 2000, 'awful #brexit news', ['brexit']),
      tweet(3, T0 + 3000, 'more #Brexit', ['Brexit']),
    ]);
    const full = windows.find((w) => w.tweets === 3)!;
    expect(full.hashtags).toEqual([{ tag: 'Brexit', key: 'brexit', count: 3 }]);
    expect(full.hashtagSentiment[0]).toMatchObject({ tag: 'Brexit', key: 'brexit', count: 3 });
    expect(full.sentiment.positive + full.sentiment.negative + full.sentiment.neutral).toBe(3);
    expect(full.join).toEqual({ matched: 0, missing: 3 });
  });

  it('forgets the spellings of tags unseen for longer than the retention, bounding memory', async () => {
    const { job } = await runJob(
      [tweet(1, T0 + 1000, 'hello #OldTag', ['OldTag']), tweet(2, T0 + 300_000, 'later #NewTag', ['NewTag'])],
      120_000,
    );
    expect(job.spellings.display('newtag')).toBe('NewTag');
    // The old tag's key is shown as the key itself once its spellings are forgotten.
    expect(job.spellings.display('oldtag')).toBe('oldtag');
  });

  it('a restored job forgets the spellings its checkpoint saw last before the retention', async () => {
    const start = async (retentionMs: number, state?: unknown) => {
      const context = new StreamingContext({
        batchIntervalMs: 1000,
        clock: new ManualClock(),
        workers: 1,
        retentionMs,
      });
      const { source, stream } = context.queueSource<Tweet>('tweets');
      const window = context.windowSpec({ windowLengthMs: 60_000, slideMs: 10_000 });
      const job = new AnalyticsJob({ context, tweets: stream, profiles: new MemoryProfileStore(), window });
      if (state !== undefined) hooks(job).restoreState(structuredClone(state) as never);
      await context.start();
      return { context, source, job };
    };
    const first = await start(120_000);
    first.source.push(tweet(1, T0 + 1000, 'hello #OldTag', ['OldTag']), T0 + 1000);
    first.source.push(tweet(2, T0 + 100_000, 'hello #MidTag', ['MidTag']), T0 + 100_000);
    await first.context.advanceToLastWindow();
    await first.context.stop({ graceful: true });
    const state = hooks(first.job).snapshotState();

    const resumed = await start(120_000, state);
    expect(resumed.job.spellings.display('oldtag')).toBe('OldTag');
    resumed.source.push(tweet(3, T0 + 200_000, 'later #NewTag', ['NewTag']), T0 + 200_000);
    await resumed.context.advanceToLastWindow();
    await resumed.context.stop({ graceful: true });
    // Seen 199 s before the last batch, past the 120 s retention: forgotten; the mid tag, 100 s: kept.
    expect(resumed.job.spellings.display('oldtag')).toBe('oldtag');
    expect(resumed.job.spellings.display('midtag')).toBe('MidTag');
    expect(resumed.job.spellings.display('newtag')).toBe('NewTag');
  });

  it('drills down into a tag across the retained windows', async () => {
    const { job, windows } = await runJob([
      tweet(1, T0 + 1000, '#Vote now', ['Vote']),
      tweet(2, T0 + 15_000, '#vote again', ['vote']),
      tweet(3, T0 + 25_000, '#Vote!', ['Vote']),
    ]);
    const detail = job.hashtagDetail('vote');
    expect(detail).toMatchObject({ tag: 'Vote', key: 'vote' });
    expect(detail.points.map((p) => p.end)).toEqual(windows.map((w) => w.end));
    expect(Math.max(...detail.points.map((p) => p.count))).toBe(3);
    // Top authors are those of the current (last) window, which holds only the third tweet.
    expect(windows.at(-1)!.hashtags).toEqual([{ tag: 'Vote', key: 'vote', count: 1 }]);
    expect(detail.topAuthors.map((a) => [a.id, a.tweets])).toEqual([['a0', 1]]);
  });

  it("names a tag's five most active authors in the window, most tweets first, ties by the author met first", async () => {
    const counts: Array<[string, number]> = [
      ['a', 1],
      ['b', 4],
      ['c', 2],
      ['d', 4],
      ['e', 6],
      ['f', 2],
      ['g', 3],
    ];
    const tweets: Tweet[] = [];
    // Round by round, so every author is met in the order listed.
    for (let round = 0; round < 6; round++)
      for (const [author, n] of counts)
        if (round < n) {
          const id = tweets.length;
          tweets.push({ ...tweet(id, T0 + 1000 + id, '#Busy', ['Busy']), authorId: author });
        }
    const { job } = await runJob(tweets);
    expect(job.hashtagDetail('busy').topAuthors.map((a) => [a.id, a.tweets])).toEqual([
      ['e', 6],
      ['b', 4],
      ['d', 4],
      ['g', 3],
      ['c', 2],
    ]);
  });

  it("puts each hashtag's count key on the wire next to its spelling, for tags JavaScript folds differently", async () => {
    // toLocaleLowerCase gives 'i̇stanbul' ≠ 'istanbul', 'straße' ≠ 'strasse', 'οδός' ≠ 'οδος':
    // a client folding for itself would split these; the server's keys join them.
    const { job, windows, feed } = await runJob([
      tweet(1, T0 + 1000, '#İstanbul #STRASSE #ΟΔΟΣ', ['İstanbul', 'STRASSE', 'ΟΔΟΣ']),
      tweet(2, T0 + 2000, '#İstanbul #Straße #οδός', ['İstanbul', 'Straße', 'οδός']),
      tweet(3, T0 + 3000, '#ISTANBUL #STRASSE #ΟΔΟΣ', ['ISTANBUL', 'STRASSE', 'ΟΔΟΣ']),
    ]);
    const full = WindowUpdateSchema.parse(windows.find((w) => w.tweets === 3));
    const byKey = (list: ReadonlyArray<{ key: string; tag: string; count: number }>) =>
      Object.fromEntries(list.map(({ key, tag, count }) => [key, [tag, count]]));
    expect(byKey(full.hashtags)).toEqual({
      istanbul: ['İstanbul', 3],
      strasse: ['STRASSE', 3],
      οδοσ: ['ΟΔΟΣ', 3],
    });
    expect(byKey(full.hashtagSentiment)).toEqual(byKey(full.hashtags));
    // The feed carries every hashtag as written, each with its key, so a click drills down by key.
    const second = FeedTweetSchema.parse(feed.find((item) => item.id === '2'));
    expect(second.hashtags).toEqual([
      { tag: 'İstanbul', key: 'istanbul' },
      { tag: 'Straße', key: 'strasse' },
      { tag: 'οδός', key: 'οδοσ' },
    ]);
    // The drill-down takes the key as the update carries it.
    const detail = job.hashtagDetail('strasse');
    expect(detail).toMatchObject({ tag: 'STRASSE', key: 'strasse' });
    expect(Math.max(...detail.points.map((p) => p.count))).toBe(3);
  });

  it("assembles each window update from one slide: its drill-down authors are that window's", async () => {
    const clock = new ManualClock();
    const context = new StreamingContext({ batchIntervalMs: 1000, clock, workers: 1 });
    const { source, stream } = context.queueSource<Tweet>('tweets');
    const job = new AnalyticsJob({
      context,
      tweets: stream,
      profiles: new MemoryProfileStore(),
      window: context.windowSpec({ windowLengthMs: 10_000, slideMs: 10_000 }),
    });
    const seen: Array<[string, string[]]> = [];
    job.on('window', (update) => {
      for (const { key } of update.hashtags) {
        seen.push([key, job.hashtagDetail(key).topAuthors.map((a) => a.id)]);
      }
    });
    await context.start();
    // Each 10 s window has its own tag and author: a window joined with another slide's parts
    // would name the wrong author or none.
    for (let i = 0; i < 4; i++)
      source.push(tweet(i, T0 + i * 10_000 + 500, `#t${i}`, [`t${i}`]), T0 + i * 10_000 + 500);
    await context.advanceToLastWindow();
    await context.stop({ graceful: true });
    expect(seen).toEqual([
      ['t0', ['a0']],
      ['t1', ['a1']],
      ['t2', ['a2']],
      ['t3', ['a0']],
    ]);
  });

  it('names the drill-down authors after a restore, from its own checkpoint and from state lru-cache wrote', async () => {
    const tweets = [0, 1, 2].map((i) => ({
      ...tweet(i, T0 + 1000 + i, '#Busy', ['Busy']),
      authorId: 'u1',
      author: profile('u1', { username: 'one', followers: 10 }),
    }));
    const dir = mkdtempSync(path.join(tmpdir(), 'job-restore-'));
    // A store that cannot name authors at once, as PostgreSQL: the job keeps the profiles it
    // joined, and a resumed job whose store knows nothing names them from its checkpoint.
    const build = (checkpointDir: string, profiles: ProfileStore = withoutPeek(new MemoryProfileStore())) => {
      const context = new StreamingContext({
        batchIntervalMs: 1000,
        clock: new ManualClock(),
        workers: 1,
        checkpointDir,
        checkpointIntervalMs: 0,
      });
      const { source, stream } = context.queueSource<Tweet>('tweets');
      const window = context.windowSpec({ windowLengthMs: 60_000, slideMs: 10_000 });
      return { context, source, job: new AnalyticsJob({ context, tweets: stream, profiles, window }) };
    };
    const first = build(
      dir,
      withoutPeek(new MemoryProfileStore([profile('u1', { username: 'one', followers: 10 })])),
    );
    await first.context.start();
    for (const item of tweets) first.source.push(item, item.createdAt);
    await first.context.advanceToLastWindow();
    await first.context.stop({ graceful: true });
    const named = (job: AnalyticsJob) =>
      job.hashtagDetail('busy').topAuthors.map((a) => [a.username, a.tweets]);
    expect(named(first.job)).toEqual([['one', 3]]);

    // The drill-down's counts come back with the engine's windows, the names with the job's state.
    const resumed = build(dir);
    await StreamingContext.getOrCreate(dir, () => resumed.context);
    expect(resumed.context.recoveredFrom).not.toBeNull();
    expect(named(resumed.job)).toEqual([['one', 3]]);

    // Checkpoints written with lru-cache hold its dump: [id, { value, ... }].
    const state = structuredClone(hooks(first.job).snapshotState());
    const older = build(dir);
    await StreamingContext.getOrCreate(dir, () => older.context);
    hooks(older.job).restoreState({
      ...state,
      knownProfiles: state.knownProfiles.map((entry) => {
        const [id, value] = entry as [string, unknown];
        return [id, { value, start: 0 }];
      }),
    });
    expect(named(older.job)).toEqual([['one', 3]]);
    rmSync(dir, { recursive: true, force: true });
  });

  it('names authors from a store in memory as it holds them now, keeping only profiles it lacks', async () => {
    const store = new MemoryProfileStore([profile('a0', { username: 'zero', followers: 5 })]);
    // a0 is in the store; a1 only carries its own profile; a2 has none.
    const tweets = [0, 1, 2, 3, 4, 5].map((i) => ({
      ...tweet(i, T0 + 1000 + i, '#Busy', ['Busy']),
      author: i % 3 === 1 ? profile('a1', { username: 'one', followers: 1 }) : null,
    }));
    const { job, windows, context } = await runToFirstSlide(tweets, store);
    const names = () =>
      Object.fromEntries(job.hashtagDetail('busy').topAuthors.map((a) => [a.id, a.username]));
    expect(names()).toEqual({ a0: 'zero', a1: 'one', a2: null });
    const topNames = windows.at(-1)!.profiles.topAuthors.map((a) => [a.id, a.username]);
    expect(Object.fromEntries(topNames)).toEqual({ a0: 'zero', a1: 'one', a2: null });
    // Only the profile the store lacked is kept by the job (and goes into its checkpoints).
    expect(
      hooks(job)
        .snapshotState()
        .knownProfiles.map(([id]) => id),
    ).toEqual(['a1']);
    // The store's profile as it is now: a later copy from the stream renames the author.
    await store.add([profile('a0', { username: 'zero_renamed' })]);
    expect(names().a0).toBe('zero_renamed');
    await context.stop();
  });

  it('keeps no profile the store holds, not even the copy a tweet carried that the store took', async () => {
    // A replay stores the profiles its records carry before their batch's lookup, so the store
    // answers with the very object the tweet carries; it names that author itself.
    const carried = profile('a1', { username: 'one', followers: 1 });
    const store = new MemoryProfileStore();
    await store.add([carried]);
    const tweets = [1, 4, 7].map((i) => ({ ...tweet(i, T0 + 1000 + i, '#Busy', ['Busy']), author: carried }));
    const { job, windows, context } = await runToFirstSlide(tweets, store);
    expect(windows.at(-1)!.profiles.topAuthors.map((a) => [a.id, a.username])).toEqual([['a1', 'one']]);
    expect(job.hashtagDetail('busy').topAuthors.map((a) => a.username)).toEqual(['one']);
    expect(hooks(job).snapshotState().knownProfiles).toEqual([]);
    await context.stop();
  });
});

type StateHooks = {
  snapshotState(): { knownProfiles: Array<[string, unknown]> };
  restoreState(state: unknown): void;
};
const hooks = (job: AnalyticsJob) => job as unknown as StateHooks;

/** The store without `peek`, as a store in a database is: it cannot name an author at once. */
function withoutPeek(store: MemoryProfileStore): ProfileStore {
  return {
    kind: 'postgres',
    lookup: (ids) => store.lookup(ids),
    add: (profiles) => store.add(profiles),
    size: () => store.size(),
    stats: () => store.stats(),
    close: () => store.close(),
  };
}
