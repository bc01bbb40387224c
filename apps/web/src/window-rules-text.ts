// The window rules as the form lists them under its fields, from the protocol's limits and, once it
// exports them (issue 14's history tiers), its HISTORY tiers: nothing here restates a limit.
import * as protocol from '@hashpulse/protocol';
import { WINDOW_LIMITS, formatDuration } from '@hashpulse/protocol';

/** The shape of the protocol's HISTORY: per-batch partials for `retentionMs`, then coarser roll-ups. */
export interface HistoryTiers {
  retentionMs: number;
  rollups?: readonly { resolutionMs: number; retentionMs: number }[];
}

function isHistoryTiers(value: unknown): value is HistoryTiers {
  if (typeof value !== 'object' || value === null) return false;
  const { retentionMs, rollups } = value as Record<string, unknown>;
  return (
    typeof retentionMs === 'number' &&
    (rollups === undefined ||
      (Array.isArray(rollups) &&
        rollups.every(
          (tier: unknown) =>
            typeof tier === 'object' &&
            tier !== null &&
            typeof (tier as Record<string, unknown>)['resolutionMs'] === 'number' &&
            typeof (tier as Record<string, unknown>)['retentionMs'] === 'number',
        )))
  );
}

/**
 * The protocol's history tiers, read through the namespace so this compiles before and after the
 * protocol exports HISTORY; undefined before (windows then have one tier).
 */
export const PROTOCOL_HISTORY: HistoryTiers | undefined = (() => {
  const value: unknown = (protocol as Record<string, unknown>)['HISTORY'];
  return isHistoryTiers(value) ? value : undefined;
})();

/** One sentence per rule, for the list under the window form's fields. */
export function windowRuleLines(history: HistoryTiers | undefined = PROTOCOL_HISTORY): string[] {
  const fmt = formatDuration;
  const limits = WINDOW_LIMITS;
  const batches = `at most ${limits.maxBatchesPerWindow.toLocaleString('en-US')} batches per window`;
  const first = `Batch interval ${fmt(limits.minBatchIntervalMs)} to ${fmt(limits.maxBatchIntervalMs)}; window length and slide are multiples of it.`;
  const longest = `Slide ≤ window length ≤ ${fmt(limits.maxWindowLengthMs)}`;
  const rollups = history?.rollups ?? [];
  if (history === undefined || rollups.length === 0) return [first, `${longest}, ${batches}.`];
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
