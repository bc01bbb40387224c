// Recording time a replay passed at once (no tweets for longer than its gap threshold), marked as
// a shaded band on a time axis so a jump in the timeline reads as a gap, not as missing data.
import { ReferenceArea } from 'recharts';
import type { ReplayGap } from '@hashpulse/protocol';

/** ReferenceArea children for a chart whose x axis is window end time; pass the y axis id if it has several. */
export function gapBands(gaps: readonly ReplayGap[], yAxisId?: string) {
  return gaps.map((gap) => (
    <ReferenceArea
      key={`${gap.from}-${gap.to}`}
      x1={gap.from}
      x2={gap.to}
      {...(yAxisId !== undefined ? { yAxisId } : {})}
      ifOverflow="hidden"
      fill="var(--muted)"
      fillOpacity={0.15}
      stroke="var(--muted)"
      strokeDasharray="3 3"
      label={{ value: 'gap', position: 'insideTop', fill: 'var(--muted)', fontSize: 11 }}
      className="gap-band"
    />
  ));
}
