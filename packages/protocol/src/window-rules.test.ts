// Every window rule at and just past its limit, and the refusal of zero or fractional lengths,
// through the functions and schemas the server and the dashboard both call.
import { describe, expect, it } from 'vitest';
import {
  WINDOW_LIMITS,
  WindowConfigRequestSchema,
  WindowConfigSchema,
  windowConfigViolations,
} from './index.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const valid = { batchIntervalMs: 1000, windowLengthMs: 60_000, slideMs: 5000 };
const messages = (value: unknown): string[] => {
  const result = WindowConfigSchema.safeParse(value);
  return result.success ? [] : result.error.issues.map((issue) => issue.message);
};

describe('window rules', () => {
  it('accepts a valid configuration, and one at every limit', () => {
    expect(windowConfigViolations(valid)).toEqual([]);
    expect(WindowConfigSchema.parse(valid)).toEqual(valid);
    expect(windowConfigViolations({ batchIntervalMs: 100, windowLengthMs: 100, slideMs: 100 })).toEqual([]);
    expect(
      windowConfigViolations({ batchIntervalMs: 60_000, windowLengthMs: 3_600_000, slideMs: 3_600_000 }),
    ).toEqual([]);
    // 3600 batches of 1s: exactly the retention horizon and the batch bound.
    expect(
      windowConfigViolations({ batchIntervalMs: 1000, windowLengthMs: 3_600_000, slideMs: 1000 }),
    ).toEqual([]);
    // 30 days answered from the hourly roll-ups, one day from the per-minute ones.
    expect(
      windowConfigViolations({ batchIntervalMs: 1000, windowLengthMs: 30 * DAY, slideMs: HOUR }),
    ).toEqual([]);
    expect(windowConfigViolations({ batchIntervalMs: 1000, windowLengthMs: DAY, slideMs: 60_000 })).toEqual(
      [],
    );
    expect(WINDOW_LIMITS).toEqual({
      minBatchIntervalMs: 100,
      maxBatchIntervalMs: 60_000,
      maxWindowLengthMs: 30 * DAY,
      maxBatchesPerWindow: 3600,
    });
  });

  it('refuses a batch interval outside 100ms..1m, naming the range', () => {
    expect(windowConfigViolations({ batchIntervalMs: 99, windowLengthMs: 99 * 10, slideMs: 99 })).toEqual([
      'batch interval 99ms must be between 100ms and 1m',
    ]);
    expect(
      windowConfigViolations({ batchIntervalMs: 61_000, windowLengthMs: 122_000, slideMs: 61_000 }),
    ).toEqual(['batch interval 61s must be between 100ms and 1m']);
  });

  it('refuses a slide that is not a multiple of the batch interval, or longer than the window', () => {
    expect(windowConfigViolations({ ...valid, slideMs: 1500 })).toEqual([
      'slide 1500ms must be a multiple of the batch interval 1s',
    ]);
    expect(windowConfigViolations({ ...valid, slideMs: 61_000 })).toEqual([
      'slide 61s must not be longer than the window length 1m',
    ]);
    expect(windowConfigViolations({ ...valid, slideMs: 60_000 })).toEqual([]);
  });

  it('refuses a window longer than the longest history tier, by one bucket', () => {
    expect(
      windowConfigViolations({ batchIntervalMs: 60_000, windowLengthMs: 30 * DAY + HOUR, slideMs: HOUR }),
    ).toEqual(['window length 721h must be at most 30d']);
  });

  it('answers a window past each tier from the next, in whole buckets of it', () => {
    // Past the hour of per-batch partials: whole minutes.
    expect(
      windowConfigViolations({ batchIntervalMs: 1000, windowLengthMs: HOUR + 1000, slideMs: 1000 }),
    ).toEqual([
      'window length 3601s must be a multiple of 1m: windows longer than 1h are kept per 1m',
      'slide 1s must be a multiple of 1m: windows longer than 1h are kept per 1m',
    ]);
    expect(
      windowConfigViolations({ batchIntervalMs: 1000, windowLengthMs: HOUR + 60_000, slideMs: 60_000 }),
    ).toEqual([]);
    // Past the day of minutes: whole hours.
    expect(
      windowConfigViolations({ batchIntervalMs: 1000, windowLengthMs: DAY + 60_000, slideMs: 60_000 }),
    ).toEqual([
      'window length 1441m must be a multiple of 1h: windows longer than 1d are kept per 1h',
      'slide 1m must be a multiple of 1h: windows longer than 1d are kept per 1h',
    ]);
    // A batch interval that does not divide the roll-up's bucket cannot fill it.
    expect(
      windowConfigViolations({
        batchIntervalMs: 7000,
        windowLengthMs: 2 * HOUR + 7000 * 0,
        slideMs: 7000 * 60,
      }),
    ).toContain('the batch interval 7s must divide 1m: windows longer than 1h are kept per 1m');
  });

  it('refuses a window of more than 3600 batches, by one batch', () => {
    expect(windowConfigViolations({ batchIntervalMs: 100, windowLengthMs: 360_000, slideMs: 100 })).toEqual(
      [],
    );
    expect(windowConfigViolations({ batchIntervalMs: 100, windowLengthMs: 360_100, slideMs: 100 })).toEqual([
      'window length 360100ms must span at most 3600 batches of 100ms',
    ]);
  });

  it('lists every rule broken, each once', () => {
    expect(
      windowConfigViolations({ batchIntervalMs: 50, windowLengthMs: 7_200_025, slideMs: 7_200_050 }),
    ).toEqual([
      'batch interval 50ms must be between 100ms and 1m',
      'window length 7200025ms must be a multiple of the batch interval 50ms',
      'slide 7200050ms must not be longer than the window length 7200025ms',
      'window length 7200025ms must be a multiple of 1m: windows longer than 1h are kept per 1m',
      'slide 7200050ms must be a multiple of 1m: windows longer than 1h are kept per 1m',
    ]);
  });

  it.each([
    ['zero batch interval', { ...valid, batchIntervalMs: 0 }],
    ['zero window', { ...valid, windowLengthMs: 0 }],
    ['zero slide', { ...valid, slideMs: 0 }],
    ['negative slide', { ...valid, slideMs: -5000 }],
    ['fractional window', { ...valid, windowLengthMs: 60_000.5 }],
    ['fractional slide', { ...valid, slideMs: 4999.5 }],
    ['fractional batch interval', { ...valid, batchIntervalMs: 999.5 }],
  ])('the schema refuses a %s', (_case, config) => {
    expect(WindowConfigSchema.safeParse(config).success).toBe(false);
  });

  it('the schema reports each broken rule as its own issue, with the rule as message', () => {
    expect(messages({ batchIntervalMs: 1000, windowLengthMs: 45_500, slideMs: 61_000 })).toEqual([
      'window length 45500ms must be a multiple of the batch interval 1s',
      'slide 61s must not be longer than the window length 45500ms',
    ]);
  });

  it('a request takes text or milliseconds and refuses unknown members', () => {
    expect(WindowConfigRequestSchema.parse({ batchInterval: 1000, windowLength: '1m', slide: '5s' })).toEqual(
      valid,
    );
    expect(
      WindowConfigRequestSchema.safeParse({ batchInterval: '1s', windowLength: '1m', slide: '5s', x: 1 })
        .success,
    ).toBe(false);
    expect(WindowConfigRequestSchema.safeParse({ batchInterval: '1s', windowLength: '1m' }).success).toBe(
      false,
    );
  });
});
