import { describe, expect, it } from 'vitest';
import { ManualClock, QueueSource } from '@hashpulse/engine';
import { HISTORY, type WindowUpdate } from '@hashpulse/protocol';
import type { Tweet } from '@hashpulse/tweets';
import { MemoryProfileStore } from '../profiles/index.js';
import { createJobEngine } from './job-engine.js';

const T0 = Date.UTC(2024, 2, 1, 12, 0, 0);
const WINDOW = { batchIntervalMs: 1000, windowLengthMs: 10_000, slideMs: 5000 };

describe('the job engine set-up shared by sessions and the analyser', () => {
  it('builds the job on the window and clock given, with the retention and tuning asked for', async () => {
    const source = new QueueSource<Tweet>('test');
    const warnings: unknown[] = [];
    const { context, window, job } = createJobEngine({
      source,
      clock: new ManualClock(),
      window: WINDOW,
      profiles: new MemoryProfileStore(),
      history: { retentionMs: 120_000, rollups: [{ resolutionMs: 60_000, retentionMs: 600_000 }] },
      tuning: { historyLength: 1 },
      listener: { onWarning: (warning) => warnings.push(warning) },
    });
    expect(context.batchIntervalMs).toBe(1000);
    expect(context.retentionMs()).toBe(120_000);
    expect(context.history().rollups).toEqual([{ resolutionMs: 60_000, retentionMs: 600_000 }]);
    expect(window.config).toEqual({ windowLengthMs: 10_000, slideMs: 5000 });
    const windows: WindowUpdate[] = [];
    job.on('window', (update) => windows.push(update));
    await context.start();
    source.push(
      {
        id: '1',
        createdAt: T0 + 500,
        text: '#Hello',
        lang: 'en',
        authorId: 'a',
        hashtags: ['Hello'],
        mentions: [],
        isRetweet: false,
        isQuote: false,
        isReply: false,
        author: null,
      },
      T0 + 500,
    );
    await context.advanceToLastWindow();
    await context.stop({ graceful: true });
    expect(windows.map((w) => [w.end, w.tweets])).toEqual([
      [T0 + 5000, 1],
      [T0 + 10_000, 1],
    ]);
    // historyLength 1: only the newest window is kept for the drill-down.
    expect(job.recentWindows().map((w) => w.end)).toEqual([T0 + 10_000]);
    expect(warnings).toEqual([]);
  });

  it("keeps the product's history by default: windows up to 30 days answer at once", () => {
    const { context, window } = createJobEngine({
      source: new QueueSource<Tweet>('test'),
      clock: new ManualClock(),
      window: WINDOW,
      profiles: new MemoryProfileStore(),
    });
    expect(context.history()).toEqual(HISTORY);
    expect(() => window.update({ windowLengthMs: 30 * 86_400_000, slideMs: 3_600_000 })).not.toThrow();
    expect(() => window.update({ windowLengthMs: 31 * 86_400_000, slideMs: 3_600_000 })).toThrow(
      /must be at most/,
    );
  });
});
