// The one limit on wall timers: Node fires a setTimeout longer than 2^31-1 ms at once (with a
// TimeoutOverflowWarning), so every clock arms at most this far ahead and re-arms when it wakes early.

/** The longest delay setTimeout honours, in ms (about 24.8 days). */
export const MAX_TIMER_DELAY_MS = 2 ** 31 - 1;

/** A setTimeout delay for `ms`: whole, at least 0 and never beyond MAX_TIMER_DELAY_MS. */
export function timerDelay(ms: number): number {
  // Stryker disable next-line EqualityOperator: equivalent, a delay of 0 is 0 either way
  if (!(ms > 0)) return 0;
  return Math.min(MAX_TIMER_DELAY_MS, Math.ceil(ms));
}
