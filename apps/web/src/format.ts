// Number, time and duration formatting for the dashboard (Intl, the viewer's locale by default).
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

const timeFormats = new Map<string, Intl.DateTimeFormat>();

/** Wall-clock time of an epoch-ms instant, to the second. */
export function formatTime(epochMs: number, locale?: string): string {
  const key = locale ?? '';
  let format = timeFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', second: '2-digit' });
    timeFormats.set(key, format);
  }
  return format.format(epochMs);
}

const clockFormats = new Map<string, Intl.DateTimeFormat>();

/** Compact 24-hour clock time (14:05:09) for chart axes and the feed, where AM/PM costs too much room. */
export function formatClock(epochMs: number, locale?: string): string {
  const key = locale ?? '';
  let format = clockFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, {
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    clockFormats.set(key, format);
  }
  return format.format(epochMs);
}

/** The label every chart shows for the window it draws: "window 1m, slide 5s". */
export function windowLabel(config: { windowLengthMs: number; slideMs: number }): string {
  return `window ${formatDuration(config.windowLengthMs)}, slide ${formatDuration(config.slideMs)}`;
}
