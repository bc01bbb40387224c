// Engine health per batch, like the Streaming tab of the Spark UI: input rate, scheduling delay,
// processing time and total delay over recent batches, and records dropped by full buffers.
import { memo, useMemo } from 'react';
import {
  Area,
  AreaChart,
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ReferenceLine,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { BatchMetrics } from '@hashpulse/protocol';
import { formatCount, formatMs, formatRate } from '../format';
import { engineHealth } from '../series';
import {
  chartMargin,
  gridStroke,
  timeAxis,
  timeTooltip,
  useTimeScale,
  valueAxis,
} from '../charts/chart-style';
import { EmptyState } from './EmptyState';
import { Panel } from './Panel';

interface EngineHealthProps {
  metrics: BatchMetrics[];
  batchIntervalMs: number;
}

function Stat({ label, value, warn = false }: { label: string; value: string; warn?: boolean }) {
  return (
    <div className={warn ? 'stat stat-warn' : 'stat'}>
      <div className="stat-label">{label}</div>
      <div className="stat-value">{value}</div>
    </div>
  );
}

export const EngineHealth = memo(function EngineHealth({ metrics, batchIntervalMs }: EngineHealthProps) {
  const { points, summary } = useMemo(
    () => engineHealth(metrics, batchIntervalMs),
    [metrics, batchIntervalMs],
  );
  const time = useTimeScale(points, 'batchTime');
  return (
    <Panel
      title="Engine health"
      testId="engine-health"
      meta={`last ${formatCount(summary.batches)} batches`}
      span={2}
    >
      {points.length === 0 ? (
        <EmptyState>Waiting for the first batch…</EmptyState>
      ) : (
        <>
          <div className="stats">
            <Stat label="Input rate (avg)" value={formatRate(summary.meanInputRate)} />
            <Stat label="Scheduling delay (avg)" value={formatMs(summary.meanSchedulingDelayMs)} />
            <Stat
              label="Processing time (avg)"
              value={formatMs(summary.meanProcessingMs)}
              warn={summary.meanProcessingMs > batchIntervalMs}
            />
            <Stat
              label="Total delay (last)"
              value={summary.lastTotalDelayMs === null ? '–' : formatMs(summary.lastTotalDelayMs)}
            />
            <Stat label="Dropped records" value={formatCount(summary.dropped)} warn={summary.dropped > 0} />
            <Stat
              label="Slow batches"
              value={formatCount(summary.slowBatches)}
              warn={summary.slowBatches > 0}
            />
          </div>
          <div className="chart-grid">
            <figure className="chart-figure">
              <figcaption>Input rate (records/s)</figcaption>
              <AreaChart responsive style={{ width: '100%', height: 170 }} data={points} margin={chartMargin}>
                <CartesianGrid stroke={gridStroke} vertical={false} />
                <XAxis {...timeAxis('batchTime', time)} />
                <YAxis {...valueAxis(formatCount)} />
                <Tooltip
                  {...timeTooltip(time)}
                  formatter={(value) => [formatRate(Number(value)), 'input rate']}
                />
                <Area
                  dataKey="inputRate"
                  stroke="var(--series-1)"
                  fill="var(--series-1)"
                  fillOpacity={0.25}
                  type="monotone"
                  isAnimationActive={false}
                />
              </AreaChart>
            </figure>
            <figure className="chart-figure">
              <figcaption>Delays per batch (ms)</figcaption>
              <LineChart responsive style={{ width: '100%', height: 170 }} data={points} margin={chartMargin}>
                <CartesianGrid stroke={gridStroke} vertical={false} />
                <XAxis {...timeAxis('batchTime', time)} />
                <YAxis {...valueAxis(formatCount)} />
                <Tooltip
                  {...timeTooltip(time)}
                  formatter={(value, name) => [formatMs(Number(value)), name]}
                />
                <Legend itemSorter={null} wrapperStyle={{ fontSize: 12 }} />
                <ReferenceLine
                  y={batchIntervalMs}
                  stroke="var(--negative)"
                  strokeDasharray="4 4"
                  label={{
                    value: 'batch interval',
                    fill: 'var(--muted)',
                    fontSize: 11,
                    position: 'insideTopLeft',
                  }}
                />
                <Line
                  dataKey="schedulingDelayMs"
                  name="scheduling delay"
                  stroke="var(--series-3)"
                  dot={false}
                  isAnimationActive={false}
                />
                <Line
                  dataKey="processingTimeMs"
                  name="processing time"
                  stroke="var(--series-2)"
                  dot={false}
                  isAnimationActive={false}
                />
                <Line
                  dataKey="totalDelayMs"
                  name="total delay"
                  stroke="var(--series-5)"
                  dot={false}
                  isAnimationActive={false}
                />
              </LineChart>
            </figure>
            <figure className="chart-figure">
              <figcaption>Dropped records per batch</figcaption>
              <BarChart responsive style={{ width: '100%', height: 120 }} data={points} margin={chartMargin}>
                <CartesianGrid stroke={gridStroke} vertical={false} />
                <XAxis {...timeAxis('batchTime', time)} />
                <YAxis {...valueAxis(formatCount)} allowDecimals={false} />
                <Tooltip
                  {...timeTooltip(time)}
                  formatter={(value) => [formatCount(Number(value)), 'dropped']}
                />
                <Bar dataKey="droppedRecords" fill="var(--negative)" isAnimationActive={false} />
              </BarChart>
            </figure>
          </div>
        </>
      )}
    </Panel>
  );
});
