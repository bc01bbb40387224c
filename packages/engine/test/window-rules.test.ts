// The engine's window and history-tier rules as the StreamingContext applies them: which windows a
// context accepts, which tier answers each, and which roll-up tier lists it refuses, with the messages.
import { describe, expect, it } from 'vitest';
import {
  answeringTier,
  historyViolations,
  tierResolutionMs,
  windowViolations,
} from '@hashpulse/engine/window-rules';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const SECOND = 1000;
const TIERS = {
  retentionMs: HOUR,
  rollups: [
    { resolutionMs: MINUTE, retentionMs: DAY },
    { resolutionMs: HOUR, retentionMs: 30 * DAY },
  ],
};
const violations = (windowLengthMs: number, slideMs: number, b = SECOND) =>
  windowViolations({ windowLengthMs, slideMs }, b, TIERS);

describe('window rules', () => {
  it.each([
    ['a zero-length window', 0],
    ['a negative window', -60_000],
    ['a fractional window', 1500.5],
    ['a window that is not a number', Number.NaN],
  ])('refuses %s as not a positive whole number of milliseconds, and checks nothing else', (_c, w) => {
    expect(violations(w, SECOND)).toEqual([
      `window length ${w} must be a positive whole number of milliseconds`,
    ]);
  });

  it.each([
    ['a zero slide', 0],
    ['a negative slide', -5000],
    ['a fractional slide', 999.5],
  ])('refuses %s as not a positive whole number of milliseconds, and checks nothing else', (_c, s) => {
    expect(violations(MINUTE, s)).toEqual([`slide ${s} must be a positive whole number of milliseconds`]);
  });

  it('names both a bad window length and a bad slide, before any other rule', () => {
    expect(violations(0, 1.5)).toEqual([
      'window length 0 must be a positive whole number of milliseconds',
      'slide 1.5 must be a positive whole number of milliseconds',
    ]);
  });

  it('answers a window exactly as long as the retention per batch, any whole number of batches', () => {
    expect(answeringTier(HOUR, TIERS)).toBe(0);
    expect(violations(HOUR, SECOND)).toEqual([]);
    expect(violations(HOUR, 8 * SECOND, 8 * SECOND)).toEqual([]);
    // One batch more and the per-minute tier answers it: whole minutes only.
    expect(answeringTier(HOUR + SECOND, TIERS)).toBe(1);
    expect(violations(HOUR + SECOND, SECOND)).toEqual([
      'window length 3601s must be a multiple of 1m: windows longer than 1h are kept per 1m',
      'slide 1s must be a multiple of 1m: windows longer than 1h are kept per 1m',
    ]);
  });

  it('answers a window exactly as long as a roll-up tier keeps from that tier, past it from the next', () => {
    expect(answeringTier(DAY, TIERS)).toBe(1);
    expect(violations(DAY, MINUTE)).toEqual([]);
    expect(answeringTier(DAY + HOUR, TIERS)).toBe(2);
    expect(answeringTier(30 * DAY, TIERS)).toBe(2);
    expect(answeringTier(30 * DAY + HOUR, TIERS)).toBe(-1);
  });

  it('measures a window in batches while the per-batch partials answer it, else in the tier buckets', () => {
    expect(tierResolutionMs(0, 500, TIERS)).toBe(500);
    expect(tierResolutionMs(1, 500, TIERS)).toBe(MINUTE);
    expect(tierResolutionMs(2, 500, TIERS)).toBe(HOUR);
  });
});

describe('history tier rules', () => {
  it('accepts nested resolutions with growing retentions, and no tiers at all', () => {
    expect(historyViolations(TIERS)).toEqual([]);
    expect(historyViolations({ retentionMs: HOUR })).toEqual([]);
    expect(historyViolations({ retentionMs: HOUR, rollups: [] })).toEqual([]);
  });

  it.each([
    ['a zero resolution', 0, DAY],
    ['a negative resolution', -MINUTE, DAY],
    ['a fractional resolution', 1500.5, DAY],
    ['a zero retention', MINUTE, 0],
    ['a negative retention', MINUTE, -DAY],
    ['a fractional retention', MINUTE, DAY + 0.5],
  ])('refuses a tier of %s, and checks that tier no further', (_c, resolutionMs, retentionMs) => {
    expect(historyViolations({ retentionMs: HOUR, rollups: [{ resolutionMs, retentionMs }] })).toEqual([
      `history tier ${resolutionMs}/${retentionMs} must have positive whole-millisecond resolution and retention`,
    ]);
  });

  it('goes on to the next tier after a bad one, measured against the last good tier', () => {
    expect(
      historyViolations({
        retentionMs: HOUR,
        rollups: [
          { resolutionMs: 0, retentionMs: DAY },
          { resolutionMs: 7 * MINUTE, retentionMs: 30 * MINUTE },
        ],
      }),
    ).toEqual([
      `history tier 0/${DAY} must have positive whole-millisecond resolution and retention`,
      'history tier retention 30m must be a multiple of its resolution 7m',
      "history tier retention 30m must be longer than the finer tier's 1h",
    ]);
  });

  it("refuses a resolution that is not a multiple of the finer tier's", () => {
    expect(
      historyViolations({
        retentionMs: HOUR,
        rollups: [
          { resolutionMs: MINUTE, retentionMs: DAY },
          { resolutionMs: 90 * SECOND, retentionMs: 2 * DAY },
        ],
      }),
    ).toEqual(["history tier resolution 90s must be a multiple of the finer tier's 1m"]);
  });

  it('refuses a retention that is not a whole number of its buckets', () => {
    expect(
      historyViolations({ retentionMs: HOUR, rollups: [{ resolutionMs: 7 * MINUTE, retentionMs: DAY }] }),
    ).toEqual(['history tier retention 1d must be a multiple of its resolution 7m']);
  });

  it("refuses a retention no longer than the finer tier's, equal included", () => {
    expect(
      historyViolations({ retentionMs: HOUR, rollups: [{ resolutionMs: MINUTE, retentionMs: HOUR }] }),
    ).toEqual(["history tier retention 1h must be longer than the finer tier's 1h"]);
    expect(
      historyViolations({
        retentionMs: HOUR,
        rollups: [
          { resolutionMs: MINUTE, retentionMs: DAY },
          { resolutionMs: HOUR, retentionMs: 12 * HOUR },
        ],
      }),
    ).toEqual(["history tier retention 12h must be longer than the finer tier's 1d"]);
  });
});
