import { describe, expect, it } from 'vitest';
import { formatDuration as engineFormatDuration, windowViolations } from '@hashpulse/engine/window-rules';
import {
  HISTORY,
  WindowConfigRequestSchema,
  parseDuration,
  formatDuration,
  windowConfigViolations,
} from './index.js';

describe('durations', () => {
  it('parses the written forms people type', () => {
    expect(parseDuration('500ms')).toBe(500);
    expect(parseDuration('10s')).toBe(10_000);
    expect(parseDuration('5m')).toBe(300_000);
    expect(parseDuration('1h')).toBe(3_600_000);
    expect(parseDuration('1.5s')).toBe(1500);
  });
  it('refuses anything else with a message that shows the format', () => {
    expect(() => parseDuration('10')).toThrow(/ms, s, m, h or d/);
    expect(() => parseDuration('-5s')).toThrow(/not a duration/);
    expect(() => parseDuration('0s')).toThrow(/positive/);
  });
  it('formats in the largest whole unit', () => {
    expect(formatDuration(90_000)).toBe('90s');
    expect(formatDuration(300_000)).toBe('5m');
    expect(formatDuration(250)).toBe('250ms');
  });
});

describe('window configuration rules', () => {
  it('names the rule a window length breaks', () => {
    expect(
      windowConfigViolations({ batchIntervalMs: 10_000, windowLengthMs: 45_000, slideMs: 10_000 }),
    ).toEqual(['window length 45s must be a multiple of the batch interval 10s']);
  });
  it('accepts a valid request written as durations', () => {
    const parsed = WindowConfigRequestSchema.parse({ batchInterval: '1s', windowLength: '1m', slide: '5s' });
    expect(parsed).toEqual({ batchIntervalMs: 1000, windowLengthMs: 60_000, slideMs: 5000 });
  });
  it('refuses a request whose slide is not a multiple of the batch, saying why', () => {
    const result = WindowConfigRequestSchema.safeParse({
      batchInterval: '2s',
      windowLength: '1m',
      slide: '3s',
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.message)).toContain(
      'slide 3s must be a multiple of the batch interval 2s',
    );
  });
});

describe('one window-rule definition', () => {
  it('the protocol applies the engine rules, with its longest window as the limit, plus its product limits', () => {
    const configs = [
      { batchIntervalMs: 10_000, windowLengthMs: 45_000, slideMs: 15_000 },
      { batchIntervalMs: 1000, windowLengthMs: 5000, slideMs: 6000 },
      { batchIntervalMs: 1000, windowLengthMs: 7_200_000, slideMs: 1000 },
      { batchIntervalMs: 50, windowLengthMs: 60_000, slideMs: 1000 },
      { batchIntervalMs: 1000, windowLengthMs: 60_000, slideMs: 5000 },
    ];
    for (const config of configs) {
      const engine = windowViolations(config, config.batchIntervalMs, HISTORY, (m) => m);
      const product = windowConfigViolations(config).filter((problem) => !engine.includes(problem));
      expect(windowConfigViolations(config)).toEqual(expect.arrayContaining(engine));
      for (const problem of product) expect(problem).toMatch(/must be between|must span at most/);
    }
    expect(windowConfigViolations(configs[2]!)).toEqual([
      'slide 1s must be a multiple of 1m: windows longer than 1h are kept per 1m',
    ]);
    expect(windowConfigViolations(configs[1]!)).toEqual([
      'slide 6s must not be longer than the window length 5s',
    ]);
  });

  it('formats durations with the engine formatter', () => {
    expect(formatDuration).toBe(engineFormatDuration);
  });
});
