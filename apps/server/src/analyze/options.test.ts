import { describe, expect, it } from 'vitest';
import { AnalyzeOptionError } from './errors.js';
import { analyzeSettings, DEFAULT_FLAGS } from './options.js';

describe('analyzeSettings', () => {
  it('reads the defaults as 1s batches, 60s windows every 10s', () => {
    expect(analyzeSettings(DEFAULT_FLAGS)).toEqual({
      window: { batchIntervalMs: 1000, windowLengthMs: 60_000, slideMs: 10_000 },
      maxWindows: 100_000,
    });
  });

  it('accepts every duration unit', () => {
    const settings = analyzeSettings({ batch: '500ms', window: '30m', slide: '5m', maxWindows: '7' });
    expect(settings).toEqual({
      window: { batchIntervalMs: 500, windowLengthMs: 1_800_000, slideMs: 300_000 },
      maxWindows: 7,
    });
  });

  it('names the flag of a bad duration', () => {
    expect(() => analyzeSettings({ ...DEFAULT_FLAGS, slide: 'soon' })).toThrow(
      new AnalyzeOptionError(
        '--slide: "soon" is not a duration: write a positive number followed by ms, s, m, h or d (e.g. 500ms, 10s, 5m, 1h, 7d)',
      ),
    );
  });

  it('lists every window rule broken', () => {
    expect(() => analyzeSettings({ ...DEFAULT_FLAGS, batch: '2m', window: '45s', slide: '1m' })).toThrow(
      'invalid window (--batch 2m --window 45s --slide 1m): batch interval 2m must be between 100ms and 1m; ' +
        'window length 45s must be a multiple of the batch interval 2m; slide 1m must be a multiple of the batch interval 2m; ' +
        'slide 1m must not be longer than the window length 45s',
    );
  });

  it('refuses a window limit that is not a whole number of at least 1', () => {
    for (const maxWindows of ['0', '-3', '2.5', 'many']) {
      expect(() => analyzeSettings({ ...DEFAULT_FLAGS, maxWindows })).toThrow(
        `--max-windows ${maxWindows}: write a whole number of at least 1`,
      );
    }
  });
});
