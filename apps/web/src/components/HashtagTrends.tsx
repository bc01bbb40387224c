// Lines of the current top hashtags over recent windows, as occurrences per second.
import { memo, useMemo, useRef } from 'react';
import { CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import type { HashtagRef, ReplayGap, WindowUpdate } from '@hashpulse/protocol';
import { formatRate } from '../format';
import { assignColorSlots, hashtagTrends } from '../series';
import {
  SERIES_COLOR_COUNT,
  seriesColor,
  chartMargin,
  gridStroke,
  timeAxis,
  timeTooltip,
  useTimeScale,
  valueAxis,
} from '../charts/chart-style';
import { gapBands } from '../charts/gap-bands';
import { EmptyState } from './EmptyState';
import { Panel } from './Panel';

const LINES = 6;

interface HashtagTrendsProps {
  windows: WindowUpdate[];
  label: string;
  /** Replay gaps to mark on the time axis. */
  gaps: readonly ReplayGap[];
  onSelect(hashtag: HashtagRef): void;
}

export const HashtagTrends = memo(function HashtagTrends({
  windows,
  label,
  gaps,
  onSelect,
}: HashtagTrendsProps) {
  const { tags, points } = useMemo(() => hashtagTrends(windows, LINES), [windows]);
  // Chart rows with one column per tag key: a string data key per line keeps its identity stable
  // across renders (an accessor function would be a new one each time).
  const rows = useMemo(() => points.map((p) => ({ end: p.end, ...Object.fromEntries(p.rates) })), [points]);
  const time = useTimeScale(rows, 'end');
  const slots = useRef(new Map<string, number>());
  const colors = useMemo(() => {
    slots.current = assignColorSlots(
      slots.current,
      tags.map((t) => t.key),
      SERIES_COLOR_COUNT,
    );
    return slots.current;
  }, [tags]);
  return (
    <Panel title="Hashtag trends" testId="hashtag-trends" meta={`${label} · uses per second`} span={2} fill>
      {tags.length === 0 ? (
        <EmptyState />
      ) : (
        <LineChart
          responsive
          style={{ width: '100%', height: '100%', minHeight: 280 }}
          data={rows}
          margin={chartMargin}
          accessibilityLayer
        >
          <CartesianGrid stroke={gridStroke} vertical={false} />
          <XAxis {...timeAxis('end', time)} />
          <YAxis {...valueAxis(formatRate)} />
          <Tooltip
            {...timeTooltip(time)}
            formatter={(value, name) => [formatRate(Number(value)), `#${String(name)}`]}
          />
          <Legend
            itemSorter={null}
            wrapperStyle={{ fontSize: 12, cursor: 'pointer' }}
            formatter={(value) => `#${String(value)}`}
            onClick={(entry) => {
              // Legend entries carry the line's name: the tag as the current window spells it.
              const picked = tags.find((t) => t.tag === entry.value);
              if (picked !== undefined) onSelect(picked);
            }}
          />
          {gapBands(gaps)}
          {tags.map(({ tag, key }) => (
            <Line
              key={key}
              dataKey={key}
              name={tag}
              stroke={seriesColor(colors.get(key) ?? 0)}
              strokeWidth={2}
              dot={false}
              isAnimationActive={false}
              connectNulls
            />
          ))}
        </LineChart>
      )}
    </Panel>
  );
});
