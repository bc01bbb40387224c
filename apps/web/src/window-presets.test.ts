import { describe, expect, it } from 'vitest';
import { windowConfigViolations } from '@hashpulse/protocol';
import { PRESET_BATCH_INTERVALS_MS, WINDOW_PRESETS, presetOf, resolvePreset } from './window-presets';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

describe('window presets', () => {
  it('offers last 5 min, 1 h, 24 h and 7 days', () => {
    expect(WINDOW_PRESETS.map((p) => p.windowLengthMs)).toEqual([5 * MINUTE, HOUR, DAY, 7 * DAY]);
  });

  it('each resolves to the finest batch interval the rules accept, or is refused with the rules it breaks', () => {
    for (const preset of WINDOW_PRESETS) {
      const { windowLengthMs, slideMs } = preset;
      const problemsAt = (batchIntervalMs: number) =>
        windowConfigViolations({ batchIntervalMs, windowLengthMs, slideMs });
      const accepted = PRESET_BATCH_INTERVALS_MS.filter((b) => problemsAt(b).length === 0);
      const resolved = resolvePreset(preset);
      if (accepted.length > 0) {
        expect(resolved.config, preset.label).toEqual({
          batchIntervalMs: accepted[0],
          windowLengthMs,
          slideMs,
        });
        expect(resolved.problems).toEqual([]);
      } else {
        const coarsest = PRESET_BATCH_INTERVALS_MS[PRESET_BATCH_INTERVALS_MS.length - 1]!;
        expect(resolved.config, preset.label).toBeNull();
        expect(resolved.problems).toEqual(problemsAt(coarsest));
        expect(resolved.problems.length).toBeGreaterThan(0);
      }
    }
  });

  it('the last five minutes are always available, in 1-second batches', () => {
    expect(resolvePreset(WINDOW_PRESETS[0]!).config).toEqual({
      batchIntervalMs: 1000,
      windowLengthMs: 5 * MINUTE,
      slideMs: 5000,
    });
  });

  it('fit the history tiers issue 14 plans: whole minutes beyond 1 h, whole hours beyond 24 h', () => {
    // The protocol's rules check this once the tiers land there; until then the plan is stated here.
    for (const { label, windowLengthMs: w, slideMs: s } of WINDOW_PRESETS) {
      const unit = w > DAY ? HOUR : w > HOUR ? MINUTE : 1000;
      expect(w % unit, label).toBe(0);
      expect(s % unit, label).toBe(0);
      expect(PRESET_BATCH_INTERVALS_MS.some((b) => unit % b === 0 && w % b === 0 && s % b === 0)).toBe(true);
      // A sensible number of points: a chart of one window length is neither a dot nor a smear.
      expect(w / s, label).toBeGreaterThanOrEqual(48);
      expect(w / s, label).toBeLessThanOrEqual(200);
    }
  });

  it('a configuration is recognised as its preset whatever its batch interval', () => {
    expect(presetOf({ batchIntervalMs: 500, windowLengthMs: HOUR, slideMs: MINUTE })?.label).toBe('1 h');
    expect(presetOf({ batchIntervalMs: 1000, windowLengthMs: MINUTE, slideMs: 5000 })).toBeUndefined();
    expect(presetOf(null)).toBeUndefined();
  });
});
