// Ticks and labels of the dashboard's time axes: ticks on round times of the zone shown (d3's time
// intervals), seconds only when the ticks need them, and the day once a range passes midnight.
import { scaleTime, scaleUtc } from 'd3-scale';
import { calendarDay, formatClock, formatDay, formatHourMinute, formatTime, passesMidnight } from './format';

const DAY_MS = 86_400_000;
/** About this many ticks per axis; recharts still drops ticks that would overlap. */
const TICK_COUNT = 6;

export interface TimeScale {
  /** Tick instants on round times of the zone, inside the data's range. */
  ticks: number[];
  /** A tick's label: 14:05:10, 14:05 or, on a range that shows days, Dec 3 / Dec 3 06:00. */
  tick(value: number): string;
  /** A tooltip's label: the instant to the second, with its day when the range shows days. */
  label(value: number): string;
}

/**
 * Ticks on round times between `from` and `to`: aligned on UTC when `timeZone` is "UTC", else on the
 * browser's own zone (d3 knows only these two, and the dashboard shows only these two).
 */
export function timeTicks(from: number, to: number, timeZone: string | undefined): number[] {
  if (!(from < to)) return Number.isFinite(from) ? [from] : [];
  const scale = timeZone === 'UTC' ? scaleUtc() : scaleTime();
  return scale
    .domain([from, to])
    .ticks(TICK_COUNT)
    .map((date) => date.getTime());
}

/** Labels for `ticks` over the range [from, to] in `timeZone` (undefined: the viewer's own). */
export function timeLabels(
  ticks: readonly number[],
  from: number,
  to: number,
  timeZone: string | undefined,
  locale?: string,
): Pick<TimeScale, 'tick' | 'label'> {
  const showDays = to - from > DAY_MS || passesMidnight(from, to, timeZone);
  const step = ticks.length > 1 ? ticks[1]! - ticks[0]! : 0;
  const clock = step > 0 && step % 60_000 === 0 ? formatHourMinute : formatClock;
  const labels = new Map<number, string>();
  let previousDay: string | null = null;
  for (const tick of ticks) {
    const day = calendarDay(tick, timeZone);
    const time = clock(tick, timeZone, locale);
    let text = time;
    if (showDays && day !== previousDay) {
      // A tick at midnight (all of them, on an axis ticked by days) is the day itself.
      const midnight =
        (step > 0 && step % DAY_MS === 0) || formatHourMinute(tick, timeZone, locale) === '00:00';
      text = midnight ? formatDay(tick, timeZone, locale) : `${formatDay(tick, timeZone, locale)} ${time}`;
    }
    labels.set(tick, text);
    previousDay = day;
  }
  return {
    tick: (value) =>
      labels.get(value) ??
      (showDays
        ? `${formatDay(value, timeZone, locale)} ${clock(value, timeZone, locale)}`
        : clock(value, timeZone, locale)),
    label: (value) =>
      showDays
        ? `${formatDay(value, timeZone, locale)}, ${formatTime(value, timeZone, locale)}`
        : formatTime(value, timeZone, locale),
  };
}

/** The time scale of a chart over the instants `values` (any order), in `timeZone`. */
export function timeScale(
  values: Iterable<number>,
  timeZone: string | undefined,
  locale?: string,
): TimeScale {
  let from = Number.POSITIVE_INFINITY;
  let to = Number.NEGATIVE_INFINITY;
  for (const value of values) {
    if (value < from) from = value;
    if (value > to) to = value;
  }
  if (from > to) return { ticks: [], ...timeLabels([], 0, 0, timeZone, locale) };
  const ticks = timeTicks(from, to, timeZone);
  return { ticks, ...timeLabels(ticks, from, to, timeZone, locale) };
}
