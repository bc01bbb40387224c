// Number, time and duration formatting for the dashboard (Intl, the viewer's locale by default);
// times in the zone the viewer picked (their own or UTC), passed in explicitly.
import { formatDuration } from '@hashpulse/protocol';

const cache = new Map<string, Intl.NumberFormat>();

function numberFormat(locale: string | undefined, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale ?? ''}|${JSON.stringify(options)}`;
  let format = cache.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, options);
    cache.set(key, format);
  }
  return format;
}

/** Counts: exact below 10,000, compact above (12.3K, 4.5M). */
export function formatCount(value: number, locale?: string): string {
  if (Math.abs(value) < 10_000) return numberFormat(locale, { maximumFractionDigits: 0 }).format(value);
  return numberFormat(locale, { notation: 'compact', maximumFractionDigits: 1 }).format(value);
}

/** Rates per second: one decimal below 100, compact above. */
export function formatRate(perSecond: number, locale?: string): string {
  if (Math.abs(perSecond) < 100)
    return `${numberFormat(locale, { maximumFractionDigits: 1 }).format(perSecond)}/s`;
  return `${numberFormat(locale, { notation: 'compact', maximumFractionDigits: 1 }).format(perSecond)}/s`;
}

/** A share in [0, 1] as a percentage. */
export function formatPercent(share: number, locale?: string): string {
  return numberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(share);
}

/** A sentiment score in [-1, 1], signed, two decimals; "n/a" when nothing was scored. */
export function formatScore(score: number | null, locale?: string): string {
  if (score === null) return 'n/a';
  return numberFormat(locale, {
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
    signDisplay: 'exceptZero',
  }).format(score);
}

/** Milliseconds as people read them: 850 ms, 1.2 s, 3 min 5 s. */
export function formatMs(ms: number, locale?: string): string {
  if (ms < 1000) return `${numberFormat(locale, { maximumFractionDigits: 0 }).format(ms)} ms`;
  if (ms < 60_000) return `${numberFormat(locale, { maximumFractionDigits: 1 }).format(ms / 1000)} s`;
  const totalSeconds = Math.round(ms / 1000);
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = totalSeconds % 60;
  if (hours > 0) return `${hours} h ${minutes} min`;
  return seconds === 0 ? `${minutes} min` : `${minutes} min ${seconds} s`;
}

export function formatBytes(bytes: number, locale?: string): string {
  const units = ['B', 'KB', 'MB', 'GB'] as const;
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${numberFormat(locale, { maximumFractionDigits: unit === 0 ? 0 : 1 }).format(value)} ${units[unit]}`;
}

const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * A cached Intl date-time format. `timeZone` is an IANA zone ("UTC", "America/New_York"); undefined
 * is the viewer's own zone, as Intl has it.
 */
function dateTimeFormat(
  locale: string | undefined,
  timeZone: string | undefined,
  options: Intl.DateTimeFormatOptions,
): Intl.DateTimeFormat {
  const key = `${locale ?? ''}|${timeZone ?? ''}|${JSON.stringify(options)}`;
  let format = dateTimeFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, timeZone === undefined ? options : { ...options, timeZone });
    dateTimeFormats.set(key, format);
  }
  return format;
}

/** Wall-clock time of an epoch-ms instant in `timeZone`, to the second, in the locale's hour cycle. */
export function formatTime(epochMs: number, timeZone: string | undefined, locale?: string): string {
  return dateTimeFormat(locale, timeZone, { hour: '2-digit', minute: '2-digit', second: '2-digit' }).format(
    epochMs,
  );
}

const CLOCK: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' };

/** Compact 24-hour clock time (14:05:09) for chart axes and the feed, where AM/PM costs too much room. */
export function formatClock(epochMs: number, timeZone: string | undefined, locale?: string): string {
  return dateTimeFormat(locale, timeZone, { ...CLOCK, second: '2-digit' }).format(epochMs);
}

/** 24-hour clock time without seconds (14:05), for axes whose ticks fall on whole minutes. */
export function formatHourMinute(epochMs: number, timeZone: string | undefined, locale?: string): string {
  return dateTimeFormat(locale, timeZone, CLOCK).format(epochMs);
}

/** The calendar day in short (Dec 2), for axes and spans that pass midnight. */
export function formatDay(epochMs: number, timeZone: string | undefined, locale?: string): string {
  return dateTimeFormat(locale, timeZone, { month: 'short', day: 'numeric' }).format(epochMs);
}

/** Date and time in full (Dec 2, 2026, 14:05:09), for the recording clock. */
export function formatDateTime(epochMs: number, timeZone: string | undefined, locale?: string): string {
  return dateTimeFormat(locale, timeZone, { dateStyle: 'medium', timeStyle: 'medium' }).format(epochMs);
}

/** The calendar day an instant falls on in `timeZone`, as "2026-12-02" (for comparing days). */
export function calendarDay(epochMs: number, timeZone: string | undefined): string {
  const parts = dateTimeFormat('en-US', timeZone, {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(epochMs);
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((part) => part.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/** Whether [from, to] holds instants of two calendar days in `timeZone`: a date must be shown. */
export function passesMidnight(from: number, to: number, timeZone: string | undefined): boolean {
  return calendarDay(from, timeZone) !== calendarDay(to, timeZone);
}

/**
 * A span of time such as a window's [start, end): "14:04:00–14:05:00", with the day on each end
 * when the span passes midnight (a window's end is exclusive, so one ending at 00:00 does not).
 */
export function formatSpan(
  start: number,
  end: number,
  timeZone: string | undefined,
  locale?: string,
): string {
  if (!passesMidnight(start, Math.max(start, end - 1), timeZone)) {
    return `${formatClock(start, timeZone, locale)}–${formatClock(end, timeZone, locale)}`;
  }
  const at = (ms: number) => `${formatDay(ms, timeZone, locale)} ${formatClock(ms, timeZone, locale)}`;
  return `${at(start)} – ${at(end)}`;
}

/** The label every chart shows for the window it draws: "window 1m, slide 5s". */
export function windowLabel(config: { windowLengthMs: number; slideMs: number }): string {
  return `window ${formatDuration(config.windowLengthMs)}, slide ${formatDuration(config.slideMs)}`;
}
