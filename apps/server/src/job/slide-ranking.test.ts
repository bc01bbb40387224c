// The job's slides rank their top hashtags and authors incrementally: the engine keeps a window's
// top-K across slides per ranking function, so the job must pass the same function every slide.
// Counted here through the engine's full ranking scan (selectTopK), which the tracker falls back to.
import { describe, expect, it, vi } from 'vitest';
import { ManualClock, StreamingContext } from '@hashpulse/engine';
import type { WindowUpdate } from '@hashpulse/protocol';
import type { Tweet } from '@hashpulse/tweets';
import { MemoryProfileStore } from '../profiles/index.js';
import { AnalyticsJob } from './analytics-job.js';
import type * as TopK from '../../../../packages/engine/src/window/top-k.js';

const scans = vi.hoisted(() => ({ full: 0 }));
vi.mock('../../../../packages/engine/src/window/top-k.js', async (importOriginal) => {
  const actual = await importOriginal<typeof TopK>();
  return {
    ...actual,
    selectTopK: (...args: Parameters<typeof actual.selectTopK>) => {
      scans.full++;
      return actual.selectTopK(...args);
    },
  };
});

const T0 = Date.UTC(2024, 2, 1, 12, 0, 0);

describe("the job's slides", () => {
  it('rank tags and authors from the keys that changed, not by scanning every key each slide', async () => {
    const clock = new ManualClock();
    const context = new StreamingContext({ batchIntervalMs: 1000, clock, workers: 1 });
    const { source, stream } = context.queueSource<Tweet>('tweets');
    const job = new AnalyticsJob({
      context,
      tweets: stream,
      profiles: new MemoryProfileStore(),
      window: context.windowSpec({ windowLengthMs: 60_000, slideMs: 5000 }),
    });
    const windows: WindowUpdate[] = [];
    job.on('window', (update) => windows.push(update));
    await context.start();
    // Ten minutes, a tweet a second, each by a new author with a new tag beside a common one: a
    // slide changes the counts of 10 of the window's 60 authors and 61 tags.
    for (let i = 0; i < 600; i++) {
      source.push(
        {
          id: String(i),
          createdAt: T0 + i * 1000 + 500,
          text: 'a fine day #common',
          lang: 'en',
          authorId: `author${i}`,
          hashtags: ['common', `tag${i}`],
          mentions: [],
          isRetweet: false,
          isQuote: false,
          isReply: false,
          author: null,
        },
        T0 + i * 1000 + 500,
      );
    }
    await context.advanceToLastWindow();
    await context.stop({ graceful: true });
    expect(windows.length).toBeGreaterThan(100);
    expect(Math.max(...windows.map((w) => w.hashtags[0]?.count ?? 0))).toBe(60);
    // Two rankings per slide: scanned each time, that would be over 200 full scans.
    expect(scans.full).toBeLessThan(windows.length / 4);
  });
});
