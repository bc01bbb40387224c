// The window rules, defined once: the engine enforces them on every WindowSpec, and the protocol
// (so the server's config checks and the dashboard's form too) applies them under its own limits.
// Pure, with no node imports, so a browser bundle can take it: `@hashpulse/engine/window-rules`.
import { formatDuration } from '../util/duration.js';

export { formatDuration };

export interface WindowConfig {
  /** W: the window covers the batches with times in (t − W, t]. */
  windowLengthMs: number;
  /** S: a window is emitted at every batch time that is a multiple of S. */
  slideMs: number;
}

/**
 * A roll-up tier of history: partials summed per `resolutionMs` (bucket T holds the batches with
 * times in (T − resolution, T]), kept for `retentionMs`. A window longer than the finer tiers keep is
 * answered from the first tier that holds it, so its length and slide must be whole buckets.
 */
export interface HistoryTier {
  resolutionMs: number;
  retentionMs: number;
}

/** What windows can reach back to: per-batch partials for `retentionMs`, then the roll-up tiers. */
export interface History {
  retentionMs: number;
  /** Coarser tiers, finest first; each resolution a multiple of the one before. Default none. */
  rollups?: readonly HistoryTier[];
}

/** How the engine names its limit on window length: the context's retention horizon. */
export function retentionHorizon(max: string): string {
  return `the retention horizon ${max} (raise the StreamingContext option retentionMs or add tiers to its history option)`;
}

/** The longest window `history` can answer. */
export function longestWindowMs(history: History): number {
  return Math.max(history.retentionMs, ...(history.rollups ?? []).map((tier) => tier.retentionMs));
}

/**
 * Which tier answers a window of length `windowLengthMs`: 0 for the per-batch partials, i + 1 for
 * `rollups[i]`; the finest one that keeps the whole window, -1 if none does.
 */
export function answeringTier(windowLengthMs: number, history: History): number {
  if (windowLengthMs <= history.retentionMs) return 0;
  const rollups = history.rollups ?? [];
  for (let i = 0; i < rollups.length; i++) if (windowLengthMs <= rollups[i]!.retentionMs) return i + 1;
  return -1;
}

/** The width of one unit of the answering tier: the batch interval, or the roll-up's resolution. */
export function tierResolutionMs(tier: number, b: number, history: History): number {
  return tier <= 0 ? b : history.rollups![tier - 1]!.resolutionMs;
}

/**
 * Every rule `config` breaks under batch interval `b` and `history`, as sentences naming the rule:
 * W and S positive whole milliseconds and multiples of B, S ≤ W, W within the longest tier (which
 * `describeMax` names; the engine's retention horizon by default), and a window answered from a
 * roll-up tier made of whole buckets of it.
 */
export function windowViolations(
  config: WindowConfig,
  b: number,
  history: History,
  describeMax: (max: string) => string = retentionHorizon,
): string[] {
  const { windowLengthMs: w, slideMs: s } = config;
  const fmt = formatDuration;
  const problems: string[] = [];
  if (!(Number.isInteger(w) && w > 0))
    problems.push(`window length ${w} must be a positive whole number of milliseconds`);
  if (!(Number.isInteger(s) && s > 0))
    problems.push(`slide ${s} must be a positive whole number of milliseconds`);
  if (problems.length > 0) return problems;
  if (w % b !== 0)
    problems.push(`window length ${fmt(w)} must be a multiple of the batch interval ${fmt(b)}`);
  if (s % b !== 0) problems.push(`slide ${fmt(s)} must be a multiple of the batch interval ${fmt(b)}`);
  if (s > w) problems.push(`slide ${fmt(s)} must not be longer than the window length ${fmt(w)}`);
  const tier = answeringTier(w, history);
  if (tier < 0) {
    problems.push(`window length ${fmt(w)} must be at most ${describeMax(fmt(longestWindowMs(history)))}`);
  } else if (tier > 0) {
    const r = tierResolutionMs(tier, b, history);
    const finer = tier === 1 ? history.retentionMs : history.rollups![tier - 2]!.retentionMs;
    const why = `windows longer than ${fmt(finer)} are kept per ${fmt(r)}`;
    if (r % b !== 0) problems.push(`the batch interval ${fmt(b)} must divide ${fmt(r)}: ${why}`);
    if (w % r !== 0) problems.push(`window length ${fmt(w)} must be a multiple of ${fmt(r)}: ${why}`);
    if (s % r !== 0) problems.push(`slide ${fmt(s)} must be a multiple of ${fmt(r)}: ${why}`);
  }
  return problems;
}

/** Problems with a roll-up tier list itself (resolutions nest, horizons grow), as sentences. */
export function historyViolations(history: History): string[] {
  const fmt = formatDuration;
  const problems: string[] = [];
  let resolution = 0;
  let horizon = history.retentionMs;
  for (const tier of history.rollups ?? []) {
    const { resolutionMs: r, retentionMs: h } = tier;
    if (!(Number.isInteger(r) && r > 0 && Number.isInteger(h) && h > 0)) {
      problems.push(`history tier ${r}/${h} must have positive whole-millisecond resolution and retention`);
      continue;
    }
    if (resolution > 0 && r % resolution !== 0)
      problems.push(
        `history tier resolution ${fmt(r)} must be a multiple of the finer tier's ${fmt(resolution)}`,
      );
    if (h % r !== 0)
      problems.push(`history tier retention ${fmt(h)} must be a multiple of its resolution ${fmt(r)}`);
    if (h <= horizon)
      problems.push(`history tier retention ${fmt(h)} must be longer than the finer tier's ${fmt(horizon)}`);
    resolution = r;
    horizon = h;
  }
  return problems;
}

/**
 * The least of `history` that answers one fixed window, for runs that never reconfigure (offline
 * analysis): per-batch partials for the window alone, or only the roll-up tier that answers it, fed
 * straight from the batches. Keeping the rest would cost memory and CPU for windows never asked.
 */
export function historyForWindow(windowLengthMs: number, b: number, history: History): History {
  const tier = answeringTier(windowLengthMs, history);
  if (tier <= 0) return { retentionMs: windowLengthMs, rollups: [] };
  return { retentionMs: b, rollups: [history.rollups![tier - 1]!] };
}
