// Breakdowns from joining the window's tweets with author profiles: verified, follower tiers, join coverage.
import { memo, useMemo } from 'react';
import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from 'recharts';
import { FOLLOWER_TIERS, type WindowUpdate } from '@hashpulse/protocol';
import { formatCount } from '../format';
import {
  axisLine,
  axisTick,
  gridStroke,
  tooltipCursor,
  tooltipLabelStyle,
  tooltipStyle,
  valueAxis,
} from '../charts/chart-style';
import { EmptyState } from './EmptyState';
import { Panel } from './Panel';
import { ShareBar } from './ShareBar';

export const ProfileBreakdown = memo(function ProfileBreakdown({
  current,
  label,
}: {
  current: WindowUpdate | undefined;
  label: string;
}) {
  const tiers = useMemo(() => {
    // Every tier on the axis, in order, even the empty ones, so bars don't jump between windows.
    const counts = new Map(current?.profiles.followerTiers.map((t) => [t.tier, t.count]));
    return FOLLOWER_TIERS.map((tier) => ({ tier, count: counts.get(tier) ?? 0 }));
  }, [current]);
  return (
    <Panel title="Authors" testId="profiles" meta={label}>
      {!current ? (
        <EmptyState />
      ) : (
        <div className="stack">
          <ShareBar
            label="Verified"
            testId="profiles-verified"
            parts={[
              { label: 'verified', value: current.profiles.verified.verified, color: 'var(--accent)' },
              {
                label: 'not verified',
                value: current.profiles.verified.unverified,
                color: 'var(--series-4)',
              },
              { label: 'unknown', value: current.profiles.verified.unknown, color: 'var(--unscored)' },
            ]}
          />
          <ShareBar
            label="Profile join"
            testId="profiles-join"
            parts={[
              { label: 'matched', value: current.join.matched, color: 'var(--positive)' },
              { label: 'missing', value: current.join.missing, color: 'var(--unscored)' },
            ]}
          />
          <figure className="share">
            <figcaption>Followers of authors</figcaption>
            <BarChart
              responsive
              style={{ width: '100%', height: 150 }}
              data={tiers}
              margin={{ top: 4, right: 4, bottom: 0, left: 0 }}
              accessibilityLayer
            >
              <CartesianGrid stroke={gridStroke} vertical={false} />
              <XAxis dataKey="tier" tick={axisTick} axisLine={axisLine} tickLine={false} interval={0} />
              <YAxis {...valueAxis(formatCount, 40)} />
              <Tooltip
                cursor={tooltipCursor}
                contentStyle={tooltipStyle}
                labelStyle={tooltipLabelStyle}
                labelFormatter={(tier) => `${String(tier)} followers`}
                formatter={(value) => [formatCount(Number(value)), 'tweets']}
              />
              <Bar dataKey="count" fill="var(--series-2)" radius={[4, 4, 0, 0]} isAnimationActive={false} />
            </BarChart>
          </figure>
        </div>
      )}
    </Panel>
  );
});
