// The readable report of `hashpulse analyze` (without --json): totals, top hashtags, sentiment,
// the profile join and a compact per-window table.
import { formatDuration, type SentimentSummary, type WindowConfig } from '@hashpulse/protocol';
import type { AnalysisReport, WindowReport } from './report-schema.js';

export interface TextReportOptions {
  window: WindowConfig;
  files: number;
  first: number | null;
  last: number | null;
  /** Hashtags listed in the totals. Default 20. */
  topHashtags?: number;
  /** Windows shown at each end of a long table. Default 30 (all of them up to twice that). */
  windowRows?: number;
  /** Hashtags named per window row. Default 3. */
  tagsPerWindow?: number;
}

const n = (value: number): string => value.toLocaleString('en');
const pct = (part: number, whole: number): string =>
  whole > 0 ? `${((100 * part) / whole).toFixed(1)}%` : '-';
const mean = (value: number | null): string =>
  value === null ? 'n/a' : (value >= 0 ? '+' : '') + value.toFixed(3);
/** 2024-03-01T12:00:10.000Z -> 2024-03-01 12:00:10 (UTC, milliseconds only when present). */
const time = (iso: string): string =>
  iso
    .replace('T', ' ')
    .replace(/\.000Z$/, '')
    .replace(/Z$/, '');

function sentimentLine(s: SentimentSummary): string {
  const total = s.positive + s.neutral + s.negative + s.unscored;
  return [
    `positive ${n(s.positive)} (${pct(s.positive, total)})`,
    `neutral ${n(s.neutral)} (${pct(s.neutral, total)})`,
    `negative ${n(s.negative)} (${pct(s.negative, total)})`,
    `unscored ${n(s.unscored)} (${pct(s.unscored, total)})`,
    `mean ${mean(s.mean)}`,
  ].join('   ');
}

function windowTable(windows: readonly WindowReport[], rows: number, tagsPerWindow: number): string[] {
  const header = ['window end (UTC)', 'tweets', 'pos', 'neu', 'neg', 'unsc', 'mean', 'top hashtags'];
  const row = (w: WindowReport): string[] => [
    time(w.end),
    n(w.tweets),
    n(w.sentiment.positive),
    n(w.sentiment.neutral),
    n(w.sentiment.negative),
    n(w.sentiment.unscored),
    mean(w.sentiment.mean),
    w.hashtags
      .slice(0, tagsPerWindow)
      .map((h) => `#${h.tag} ${n(h.count)}`)
      .join(', '),
  ];
  const shown = windows.length <= 2 * rows ? windows : [...windows.slice(0, rows), ...windows.slice(-rows)];
  const cells = [header, ...shown.map(row)];
  const widths = header.map((_, i) => Math.max(...cells.map((c) => c[i]!.length)));
  const format = (c: string[]): string =>
    c
      .map((cell, i) => (i === 0 || i === c.length - 1 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!)))
      .join('  ')
      .trimEnd();
  const lines = cells.map(format);
  if (shown.length < windows.length) {
    // Keep the header line, the first `rows`, a gap marker, the last `rows`.
    lines.splice(
      1 + rows,
      0,
      `  ... ${n(windows.length - shown.length)} windows not shown (--json lists them all)`,
    );
  }
  return lines.map((line) => `  ${line}`);
}

export function formatTextReport(report: AnalysisReport, options: TextReportOptions): string {
  const { window } = options;
  const span =
    options.first === null || options.last === null
      ? 'no tweets'
      : `${time(new Date(options.first).toISOString())} to ${time(new Date(options.last).toISOString())} UTC`;
  const join = report.join.matched + report.join.missing;
  const lines: string[] = [
    `${n(report.tweets)} tweets from ${n(options.files)} file${options.files === 1 ? '' : 's'} (${span})`,
    `  repeated tweets  ${n(report.duplicates)} (an id seen before, dropped as a replay drops it)`,
    `  rejected lines   ${n(report.rejected)}`,
    `  skipped records  ${n(report.skipped)} (compliance, limit and error messages)`,
    `  profile join     ${n(report.join.matched)} matched (${pct(report.join.matched, join)}), ${n(report.join.missing)} missing`,
    '',
    `sentiment   ${sentimentLine(report.sentiment)}`,
    '',
  ];
  const top = report.hashtags.slice(0, options.topHashtags ?? 20);
  lines.push(`top hashtags (${n(top.length)} of ${n(report.hashtags.length)})`);
  if (top.length === 0) lines.push('  none');
  const rankWidth = String(top.length).length;
  const tagWidth = Math.max(0, ...top.map((h) => h.tag.length + 1));
  const countWidth = Math.max(0, ...top.map((h) => n(h.count).length));
  for (const [i, h] of top.entries()) {
    lines.push(
      `  ${String(i + 1).padStart(rankWidth)}  ${`#${h.tag}`.padEnd(tagWidth)}  ${n(h.count).padStart(countWidth)}  ${pct(h.count, report.tweets)} of tweets`,
    );
  }
  lines.push(
    '',
    `windows: ${formatDuration(window.windowLengthMs)} every ${formatDuration(window.slideMs)} on ${formatDuration(window.batchIntervalMs)} batches (${n(report.windows.length)} windows)`,
  );
  if (report.windows.length > 0) {
    lines.push(...windowTable(report.windows, options.windowRows ?? 30, options.tagsPerWindow ?? 3));
  }
  return `${lines.join('\n')}\n`;
}
