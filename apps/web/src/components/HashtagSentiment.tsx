// Sentiment of the tweets carrying each top hashtag, as 100% stacked bars with the counts in the tooltip.
import { memo, useMemo } from 'react';
import { Bar, BarChart, Tooltip, XAxis, YAxis } from 'recharts';
import type { HashtagRef, WindowUpdate } from '@hashpulse/protocol';
import { formatCount, formatPercent } from '../format';
import { hashtagOf } from '../series';
import {
  SENTIMENT_COLORS,
  axisLine,
  axisTick,
  tooltipCursor,
  tooltipLabelStyle,
  tooltipStyle,
} from '../charts/chart-style';
import { EmptyState } from './EmptyState';
import { Panel } from './Panel';

const SHOWN = 10;
const LABELS = ['positive', 'neutral', 'negative', 'unscored'] as const;

interface HashtagSentimentProps {
  current: WindowUpdate | undefined;
  label: string;
  onSelect(hashtag: HashtagRef): void;
}

export const HashtagSentiment = memo(function HashtagSentiment({
  current,
  label,
  onSelect,
}: HashtagSentimentProps) {
  const data = useMemo(() => current?.hashtagSentiment.slice(0, SHOWN) ?? [], [current]);
  return (
    <Panel title="Sentiment per hashtag" testId="hashtag-sentiment" meta={label}>
      {data.length === 0 ? (
        <EmptyState>{current ? 'No hashtags in this window.' : undefined}</EmptyState>
      ) : (
        <BarChart
          responsive
          style={{ width: '100%', height: 40 + data.length * 24 }}
          data={data}
          layout="vertical"
          stackOffset="expand"
          margin={{ top: 0, right: 12, bottom: 0, left: 0 }}
          accessibilityLayer
        >
          <XAxis
            type="number"
            tick={axisTick}
            axisLine={axisLine}
            tickLine={false}
            tickFormatter={(v: number) => formatPercent(v)}
          />
          <YAxis
            type="category"
            dataKey="tag"
            width={132}
            tick={axisTick}
            axisLine={axisLine}
            tickLine={false}
            interval={0}
            tickFormatter={(tag: unknown) => {
              const text = `#${String(tag)}`;
              return text.length > 15 ? `${text.slice(0, 14)}…` : text;
            }}
          />
          <Tooltip
            cursor={tooltipCursor}
            contentStyle={tooltipStyle}
            labelStyle={tooltipLabelStyle}
            labelFormatter={(tag) => `#${String(tag)}`}
            formatter={(value, name) => [formatCount(Number(value)), name]}
          />
          {LABELS.map((key, i) => (
            <Bar
              key={key}
              dataKey={key}
              name={key}
              stackId="sentiment"
              fill={SENTIMENT_COLORS[key]}
              isAnimationActive={false}
              cursor="pointer"
              radius={i === LABELS.length - 1 ? [0, 4, 4, 0] : 0}
              onClick={(entry) => {
                const hashtag = hashtagOf(entry.payload);
                if (hashtag !== null) onSelect(hashtag);
              }}
            />
          ))}
        </BarChart>
      )}
    </Panel>
  );
});
