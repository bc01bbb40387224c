// Shared look of every recharts chart: colours come from CSS variables so light and dark themes
// restyle the SVG without re-rendering, and streaming charts never animate (no work between updates).
import { useMemo, type CSSProperties } from 'react';
import { useTimeZone } from '../state/useTimeZone';
import { timeScale, type TimeScale } from '../time-axis';

/** How many categorical series colours styles.css defines per theme. */
export const SERIES_COLOR_COUNT = 8;

/** The categorical colour of series `index` (hashtags), cycling through the theme's colours. */
export function seriesColor(index: number): string {
  return `var(--series-${(index % SERIES_COLOR_COUNT) + 1})`;
}

export const SENTIMENT_COLORS = {
  positive: 'var(--positive)',
  neutral: 'var(--neutral)',
  negative: 'var(--negative)',
  unscored: 'var(--unscored)',
} as const;

export const axisTick = { fill: 'var(--muted)', fontSize: 12 } as const;
export const axisLine = { stroke: 'var(--grid)' } as const;
export const gridStroke = 'var(--grid)';

export const tooltipStyle: CSSProperties = {
  background: 'var(--surface-raised)',
  border: '1px solid var(--border)',
  borderRadius: 8,
  color: 'var(--fg)',
  fontSize: 13,
};
export const tooltipLabelStyle: CSSProperties = { color: 'var(--muted)', marginBottom: 4 };
export const tooltipCursor = { fill: 'var(--hover)' } as const;

/**
 * The time scale of a chart over its rows' `key` (epoch ms), in the zone the viewer picked: round
 * ticks, and dates once the rows pass midnight.
 */
export function useTimeScale<K extends string>(
  rows: readonly Readonly<Record<K, number>>[],
  key: K,
): TimeScale {
  const timeZone = useTimeZone();
  return useMemo(
    () =>
      timeScale(
        rows.map((row) => row[key]),
        timeZone,
      ),
    [rows, key, timeZone],
  );
}

/** The margin every cartesian chart uses: room for tick labels, none wasted on the right. */
export const chartMargin = { top: 8, right: 12, bottom: 0, left: 0 } as const;

/** The numeric value axis of the time-series charts: muted ticks, no axis or tick lines. */
export function valueAxis(format: (value: number) => string, width = 48) {
  return {
    tick: axisTick,
    axisLine: false,
    tickLine: false,
    width,
    tickFormatter: (value: number) => format(value),
  };
}

/** Tooltip look of the time-keyed charts: themed box and the time (by `scale`) as its label. */
export function timeTooltip(scale: TimeScale) {
  return {
    contentStyle: tooltipStyle,
    labelStyle: tooltipLabelStyle,
    // recharts hands the x value over as a ReactNode.
    labelFormatter: (label: unknown) =>
      typeof label === 'number' ? scale.label(label) : String(label ?? ''),
  };
}

/** The time axis of every time-series chart, over the points' `dataKey` (epoch ms), ticked by `scale`. */
export function timeAxis(dataKey: string, scale: TimeScale) {
  return {
    dataKey,
    type: 'number',
    scale: 'time',
    domain: ['dataMin', 'dataMax'],
    ticks: scale.ticks,
    tick: axisTick,
    axisLine,
    tickLine: false,
    tickFormatter: (value: unknown) => (typeof value === 'number' ? scale.tick(value) : String(value)),
    minTickGap: 40,
  } as const;
}
