import { describe, expect, it } from 'vitest';
import { WINDOW_LIMITS, formatDuration } from '@hashpulse/protocol';
import { windowRuleLines } from './window-rules-text';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe('the window rules the form lists', () => {
  it("state the protocol's limits, not copies of them", () => {
    const [batch, length] = windowRuleLines(undefined);
    expect(batch).toBe(
      `Batch interval ${formatDuration(WINDOW_LIMITS.minBatchIntervalMs)} to ${formatDuration(WINDOW_LIMITS.maxBatchIntervalMs)}; window length and slide are multiples of it.`,
    );
    expect(length).toBe(
      `Slide ≤ window length ≤ ${formatDuration(WINDOW_LIMITS.maxWindowLengthMs)}, at most ${WINDOW_LIMITS.maxBatchesPerWindow.toLocaleString('en-US')} batches per window.`,
    );
  });

  it('name each history tier a long window is kept in, once the protocol has tiers', () => {
    const lines = windowRuleLines({
      retentionMs: HOUR,
      rollups: [
        { resolutionMs: 60_000, retentionMs: DAY },
        { resolutionMs: HOUR, retentionMs: 30 * DAY },
      ],
    });
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain(`batches per window up to ${formatDuration(HOUR)}.`);
    expect(lines[2]).toBe(
      `Windows longer than ${formatDuration(HOUR)} are kept per ${formatDuration(60_000)}, longer than ${formatDuration(DAY)} are kept per ${formatDuration(HOUR)}: their length and slide are whole multiples of it.`,
    );
  });
});
