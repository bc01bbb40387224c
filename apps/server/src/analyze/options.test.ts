import { describe, expect, it } from 'vitest';
import { AnalyzeOptionError } from './errors.js';
import { analyzeSettings, DEFAULT_FLAGS } from './options.js';

describe('analyzeSettings', () => {
  it('leaves the window open by default, to be picked from the input', () => {
    expect(analyzeSettings(DEFAULT_FLAGS)).toEqual({
      window: { batchIntervalMs: undefined, windowLengthMs: undefined, slideMs: undefined },
      maxWindows: 100_000,
      sentiment: 'model',
    });
  });

  it('accepts every duration unit', () => {
    const settings = analyzeSettings({
      batch: '500ms',
      window: '30m',
      slide: '5m',
      maxWindows: '7',
      scorer: 'lexicon',
    });
    expect(settings).toEqual({
      window: { batchIntervalMs: 500, windowLengthMs: 1_800_000, slideMs: 300_000 },
      maxWindows: 7,
      sentiment: 'lexicon',
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
      'invalid window (--batch 2m --window 45s --slide 1m): ' +
        'window length 45s must be a multiple of the batch interval 2m; slide 1m must be a multiple of the batch interval 2m; ' +
        'slide 1m must not be longer than the window length 45s',
    );
    expect(() => analyzeSettings({ ...DEFAULT_FLAGS, batch: '50ms', window: '31d', slide: '1d' })).toThrow(
      'invalid window (--batch 50ms --window 31d --slide 1d): batch interval 50ms must be at least 100ms',
    );
  });

  it('refuses a window limit that is not a whole number of at least 1', () => {
    for (const maxWindows of ['0', '-3', '2.5', 'many']) {
      expect(() => analyzeSettings({ ...DEFAULT_FLAGS, maxWindows })).toThrow(
        `--max-windows ${maxWindows}: write a whole number of at least 1`,
      );
    }
  });

  it('names the flag of each bad duration, keeping the parse error as the cause', () => {
    for (const flag of ['batch', 'window', 'slide'] as const) {
      let thrown: unknown;
      try {
        analyzeSettings({ ...DEFAULT_FLAGS, [flag]: 'soon' });
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(AnalyzeOptionError);
      expect((thrown as Error).message.startsWith(`--${flag}: "soon" is not a duration`)).toBe(true);
      expect((thrown as Error).cause).toBeInstanceOf(Error);
    }
  });

  it('keeps a part of the window given alone, leaving the rest open', () => {
    expect(analyzeSettings({ ...DEFAULT_FLAGS, window: '1h' }).window).toEqual({
      batchIntervalMs: undefined,
      windowLengthMs: 3_600_000,
      slideMs: undefined,
    });
  });

  it('takes a window limit of 1, padded with spaces, and refuses signs, units and unsafe numbers', () => {
    expect(analyzeSettings({ ...DEFAULT_FLAGS, maxWindows: ' 1 ' }).maxWindows).toBe(1);
    for (const maxWindows of ['+5', '5x', 'x5', '9007199254740993']) {
      expect(() => analyzeSettings({ ...DEFAULT_FLAGS, maxWindows })).toThrow(AnalyzeOptionError);
    }
  });

  it('refuses a window limit in a form Number() reads as whole but a person would not write', () => {
    // Each of these is a safe whole number to Number(): only the digits-only rule refuses them.
    for (const maxWindows of ['1e3', '0x10', '10.0', '0b11']) {
      expect(() => analyzeSettings({ ...DEFAULT_FLAGS, maxWindows })).toThrow(
        `--max-windows ${maxWindows}: write a whole number of at least 1`,
      );
    }
  });

  it('takes the sentiment scorer by name and refuses any other', () => {
    expect(analyzeSettings({ ...DEFAULT_FLAGS, scorer: ' lexicon ' }).sentiment).toBe('lexicon');
    expect(analyzeSettings({ ...DEFAULT_FLAGS, scorer: 'model' }).sentiment).toBe('model');
    for (const scorer of ['vader', 'Model', '']) {
      expect(() => analyzeSettings({ ...DEFAULT_FLAGS, scorer })).toThrow(
        new AnalyzeOptionError(`--scorer ${scorer}: write one of model, lexicon`),
      );
    }
  });
});
