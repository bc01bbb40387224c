// Bar chart of the current window's top hashtags; a bar (or the tag list) opens the drill-down.
import { memo, useMemo } from 'react';
import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from 'recharts';
import type { HashtagRef, WindowUpdate } from '@hashpulse/protocol';
import { formatCount } from '../format';
import { hashtagOf } from '../series';
import {
  axisLine,
  axisTick,
  gridStroke,
  tooltipCursor,
  tooltipLabelStyle,
  tooltipStyle,
} from '../charts/chart-style';
import { EmptyState } from './EmptyState';
import { Panel } from './Panel';

const SHOWN = 15;

function shortTag(tag: unknown): string {
  const text = `#${String(tag)}`;
  return text.length > 15 ? `${text.slice(0, 14)}…` : text;
}

interface TopHashtagsProps {
  current: WindowUpdate | undefined;
  label: string;
  onSelect(hashtag: HashtagRef): void;
}

export const TopHashtags = memo(function TopHashtags({ current, label, onSelect }: TopHashtagsProps) {
  const data = useMemo(() => current?.hashtags.slice(0, SHOWN) ?? [], [current]);
  return (
    <Panel title="Top hashtags" testId="top-hashtags" meta={label}>
      {data.length === 0 ? (
        <EmptyState>{current ? 'No hashtags in this window.' : undefined}</EmptyState>
      ) : (
        <>
          <BarChart
            responsive
            style={{ width: '100%', height: 28 + data.length * 22 }}
            data={data}
            layout="vertical"
            margin={{ top: 0, right: 16, bottom: 0, left: 0 }}
            accessibilityLayer
          >
            <CartesianGrid horizontal={false} stroke={gridStroke} />
            <XAxis
              type="number"
              tick={axisTick}
              axisLine={axisLine}
              tickLine={false}
              tickFormatter={(v: number) => formatCount(v)}
            />
            <YAxis
              type="category"
              dataKey="tag"
              width={136}
              tick={axisTick}
              axisLine={axisLine}
              tickLine={false}
              tickFormatter={shortTag}
              interval={0}
            />
            <Tooltip
              cursor={tooltipCursor}
              contentStyle={tooltipStyle}
              labelStyle={tooltipLabelStyle}
              labelFormatter={(tag) => `#${String(tag)}`}
              formatter={(value) => [formatCount(Number(value)), 'uses']}
            />
            <Bar
              dataKey="count"
              fill="var(--accent)"
              radius={[0, 4, 4, 0]}
              isAnimationActive={false}
              cursor="pointer"
              onClick={(entry) => {
                const hashtag = hashtagOf(entry.payload);
                if (hashtag !== null) onSelect(hashtag);
              }}
            />
          </BarChart>
          <ul className="tag-list" aria-label="Open a hashtag's history">
            {data.slice(0, 10).map(({ tag, key, count }) => (
              <li key={key}>
                <button
                  type="button"
                  className="tag-chip"
                  onClick={() => onSelect({ tag, key })}
                  data-testid="tag-link"
                >
                  #{tag} <span className="muted">{formatCount(count)}</span>
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
    </Panel>
  );
});
