// The analyser's window when flags leave it open: round values picked from the input's time span,
// aiming at a few hundred windows, so a ten-minute file and a three-year archive both read well and
// cost what their tweets cost (a batch per slide, not a batch per second of the span).
import { formatDuration, offlineWindowViolations, type WindowConfig } from '@hashpulse/protocol';
import { TARGET_WINDOWS } from './default-flags.js';
import { AnalyzeOptionError } from './errors.js';

export { TARGET_WINDOWS };

/** The window flags as given: each one absent when the user left it out. */
export interface WindowChoice {
  batchIntervalMs?: number | undefined;
  windowLengthMs?: number | undefined;
  slideMs?: number | undefined;
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** Round slides, shortest first: what a person would pick for "per ..." in a report. */
const SLIDES = [
  SECOND,
  2 * SECOND,
  5 * SECOND,
  10 * SECOND,
  15 * SECOND,
  30 * SECOND,
  MINUTE,
  2 * MINUTE,
  5 * MINUTE,
  10 * MINUTE,
  15 * MINUTE,
  30 * MINUTE,
  HOUR,
  2 * HOUR,
  3 * HOUR,
  6 * HOUR,
  12 * HOUR,
  DAY,
  7 * DAY,
];
/** Batch intervals tried when only --batch is left open, longest first. */
const BATCHES = [...SLIDES].reverse().concat([500, 200, 100]);

export function isComplete(choice: WindowChoice): choice is WindowConfig {
  return (
    choice.batchIntervalMs !== undefined &&
    choice.windowLengthMs !== undefined &&
    choice.slideMs !== undefined
  );
}

/**
 * Fills in what the flags left open for an input spanning `spanMs`: the slide, the shortest round
 * value giving at most TARGET_WINDOWS windows (or the window length when that was given); the window
 * length, the slide (tumbling windows: "tweets per hour"); the batch, the longest round value that
 * divides both. Given values are kept as given. Throws AnalyzeOptionError if they break a rule.
 */
export function resolveWindow(choice: WindowChoice, spanMs: number): WindowConfig {
  const span = Math.max(0, spanMs);
  const slideMs =
    choice.slideMs ??
    (choice.windowLengthMs !== undefined
      ? choice.windowLengthMs
      : (SLIDES.find((slide) => Math.floor(span / slide) + 1 <= TARGET_WINDOWS) ?? SLIDES.at(-1)!));
  const windowLengthMs = choice.windowLengthMs ?? slideMs;
  const batchIntervalMs =
    choice.batchIntervalMs ??
    BATCHES.find(
      (b) =>
        windowLengthMs % b === 0 &&
        slideMs % b === 0 &&
        offlineWindowViolations({ batchIntervalMs: b, windowLengthMs, slideMs }).length === 0,
    ) ??
    slideMs;
  const window = { batchIntervalMs, windowLengthMs, slideMs };
  checkWindow(window);
  return window;
}

/** Throws AnalyzeOptionError naming every rule `window` breaks, with the flags as given. */
export function checkWindow(window: WindowConfig): void {
  const problems = offlineWindowViolations(window);
  if (problems.length === 0) return;
  throw new AnalyzeOptionError(`invalid window (${describeWindow(window)}): ${problems.join('; ')}`);
}

/** The window as the flags that give it. */
export function describeWindow(window: WindowConfig): string {
  return `--batch ${formatDuration(window.batchIntervalMs)} --window ${formatDuration(window.windowLengthMs)} --slide ${formatDuration(window.slideMs)}`;
}
