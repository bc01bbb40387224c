import { describe, expect, it } from 'vitest';
import { HISTORY, WINDOW_LIMITS, formatDuration } from '@hashpulse/protocol';
import { windowRuleLines } from './window-rules-text';

describe('the window rules the form lists', () => {
  it("state the protocol's limits and each history tier a long window is kept in", () => {
    const fmt = formatDuration;
    const [minutes, hours] = HISTORY.rollups ?? [];
    expect(windowRuleLines()).toEqual([
      `Batch interval ${fmt(WINDOW_LIMITS.minBatchIntervalMs)} to ${fmt(WINDOW_LIMITS.maxBatchIntervalMs)}; window length and slide are multiples of it.`,
      `Slide ≤ window length ≤ ${fmt(WINDOW_LIMITS.maxWindowLengthMs)}; at most ${WINDOW_LIMITS.maxBatchesPerWindow.toLocaleString('en-US')} batches per window up to ${fmt(HISTORY.retentionMs)}.`,
      `Windows longer than ${fmt(HISTORY.retentionMs)} are kept per ${fmt(minutes!.resolutionMs)}, longer than ${fmt(minutes!.retentionMs)} are kept per ${fmt(hours!.resolutionMs)}: their length and slide are whole multiples of it.`,
    ]);
  });

  it('without roll-up tiers, the batch budget covers every window', () => {
    expect(windowRuleLines({ retentionMs: 3_600_000 })[1]).toBe(
      `Slide ≤ window length ≤ ${formatDuration(WINDOW_LIMITS.maxWindowLengthMs)}, at most ${WINDOW_LIMITS.maxBatchesPerWindow.toLocaleString('en-US')} batches per window.`,
    );
  });
});
