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

/** How the engine names its limit on window length: the context's retention horizon. */
export function retentionHorizon(max: string): string {
  return `the retention horizon ${max} (raise the StreamingContext option retentionMs)`;
}

/**
 * Every rule `config` breaks under batch interval `b` and a longest window `maxWindowLengthMs`, as
 * sentences naming the rule: W and S positive whole milliseconds and multiples of B, S ≤ W, W at
 * most the limit, which `describeMax` names (the engine's retention horizon by default).
 */
export function windowViolations(
  config: WindowConfig,
  b: number,
  maxWindowLengthMs: number,
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
  if (w > maxWindowLengthMs)
    problems.push(`window length ${fmt(w)} must be at most ${describeMax(fmt(maxWindowLengthMs))}`);
  return problems;
}
