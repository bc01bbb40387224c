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
      window: context.windowSpec({ windowLengthMs: 300_000, slideMs: 5000 }),
    });
    const windows: WindowUpdate[] = [];
    job.on('window', (update) => windows.push(update));
    await context.start();
    // Fifteen minutes, a tweet a second, each by a new author with a new tag beside a common one:
    // a slide changes the counts of 10 of the window's 300 authors and 11 of its 301 tags.
    for (let i = 0; i < 900; i++) {
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
    expect(windows.length).toBeGreaterThan(150);
    expect(Math.max(...windows.map((w) => w.hashtags[0]?.count ?? 0))).toBe(300);
    // Two rankings per slide, each a full scan before (478); the window filling takes most of the rest.
    expect(scans.full).toBeLessThan(windows.length / 2);
    // The first slides (nothing to follow yet) do scan: the count is the tracker's own.
    expect(scans.full).toBeGreaterThan(1);
  });
});
