import { describe, expect, it } from 'vitest';
import { ManualClock, QueueSource } from '@hashpulse/engine';
import type { WindowUpdate } from '@hashpulse/protocol';
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
      retentionMs: 120_000,
      tuning: { historyLength: 1 },
      listener: { onWarning: (warning) => warnings.push(warning) },
    });
    expect(context.batchIntervalMs).toBe(1000);
    expect(context.retentionMs()).toBe(120_000);
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
});
