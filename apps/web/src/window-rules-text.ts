// The window rules as the form lists them under its fields, from the protocol's limits and history
// tiers (HISTORY): nothing here restates a limit, so the list follows the protocol when it changes.
import { HISTORY, WINDOW_LIMITS, formatDuration } from '@hashpulse/protocol';

/** The history windows are answered from: per-batch partials for `retentionMs`, then roll-ups. */
export type HistoryTiers = typeof HISTORY;

/** One sentence per rule, for the list under the window form's fields. */
export function windowRuleLines(history: HistoryTiers = HISTORY): string[] {
  const fmt = formatDuration;
  const limits = WINDOW_LIMITS;
  const batches = `at most ${limits.maxBatchesPerWindow.toLocaleString('en-US')} batches per window`;
  const first = `Batch interval ${fmt(limits.minBatchIntervalMs)} to ${fmt(limits.maxBatchIntervalMs)}; window length and slide are multiples of it.`;
  const longest = `Slide ≤ window length ≤ ${fmt(limits.maxWindowLengthMs)}`;
  const rollups = history.rollups ?? [];
  if (rollups.length === 0) return [first, `${longest}, ${batches}.`];
  let horizon = history.retentionMs;
  const kept = rollups.map((tier, i) => {
    const text = `${i === 0 ? 'Windows longer than' : 'longer than'} ${fmt(horizon)} are kept per ${fmt(tier.resolutionMs)}`;
    horizon = tier.retentionMs;
    return text;
  });
  return [
    first,
    `${longest}; ${batches} up to ${fmt(history.retentionMs)}.`,
    `${kept.join(', ')}: their length and slide are whole multiples of it.`,
  ];
}
