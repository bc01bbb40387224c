// Sentiment shares stacked over time with the mean score on a second axis; used for the whole
// stream and for one hashtag's drill-down.
import { Area, CartesianGrid, ComposedChart, Legend, Line, Tooltip, XAxis, YAxis } from 'recharts';
import type { ReplayGap } from '@hashpulse/protocol';
import { formatPercent, formatScore } from '../format';
import { gapBands } from './gap-bands';
import type { SentimentPoint } from '../series';
import {
  SENTIMENT_COLORS,
  axisTick,
  chartMargin,
  gridStroke,
  timeAxis,
  timeTooltip,
  useTimeScale,
} from './chart-style';

const LABELS = ['positive', 'neutral', 'negative', 'unscored'] as const;

export function SentimentChart({
  points,
  height,
  gaps = [],
}: {
  points: SentimentPoint[];
  height: number;
  /** Replay gaps to mark on the time axis. */
  gaps?: readonly ReplayGap[];
}) {
  const time = useTimeScale(points, 'end');
  return (
    <ComposedChart
      responsive
      style={{ width: '100%', height }}
      data={points}
      margin={chartMargin}
      accessibilityLayer
    >
      <CartesianGrid stroke={gridStroke} vertical={false} />
      <XAxis {...timeAxis('end', time)} />
      <YAxis
        yAxisId="share"
        domain={[0, 1]}
        ticks={[0, 0.25, 0.5, 0.75, 1]}
        tick={axisTick}
        axisLine={false}
        tickLine={false}
        width={44}
        tickFormatter={(v: number) => formatPercent(v)}
      />
      <YAxis
        yAxisId="mean"
        orientation="right"
        domain={[-1, 1]}
        ticks={[-1, -0.5, 0, 0.5, 1]}
        tick={axisTick}
        axisLine={false}
        tickLine={false}
        width={40}
        tickFormatter={(v: number) => formatScore(v)}
      />
      <Tooltip
        {...timeTooltip(time)}
        formatter={(value, name) =>
          name === 'mean score'
            ? [formatScore(value === null || value === undefined ? null : Number(value)), name]
            : [formatPercent(Number(value)), name]
        }
      />
      <Legend itemSorter={null} wrapperStyle={{ fontSize: 12 }} />
      {gapBands(gaps, 'share')}
      {LABELS.map((key) => (
        <Area
          key={key}
          yAxisId="share"
          dataKey={key}
          name={key}
          stackId="share"
          type="monotone"
          stroke={SENTIMENT_COLORS[key]}
          fill={SENTIMENT_COLORS[key]}
          fillOpacity={0.55}
          isAnimationActive={false}
        />
      ))}
      <Line
        yAxisId="mean"
        dataKey="mean"
        name="mean score"
        stroke="var(--fg)"
        strokeWidth={2}
        strokeDasharray="4 3"
        dot={false}
        isAnimationActive={false}
      />
    </ComposedChart>
  );
}
