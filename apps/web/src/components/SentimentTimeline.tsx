// Sentiment over recent windows: shares of positive/neutral/negative/unscored stacked, plus the mean score.
import { memo, useMemo } from 'react';
import type { ReplayGap, WindowUpdate } from '@hashpulse/protocol';
import { SentimentChart } from '../charts/SentimentChart';
import { sentimentOverTime } from '../series';
import { EmptyState } from './EmptyState';
import { Panel } from './Panel';

export const SentimentTimeline = memo(function SentimentTimeline({
  windows,
  label,
  gaps,
}: {
  windows: WindowUpdate[];
  label: string;
  gaps: readonly ReplayGap[];
}) {
  const points = useMemo(() => sentimentOverTime(windows), [windows]);
  return (
    <Panel
      title="Sentiment over time"
      testId="sentiment-timeline"
      meta={`${label} · share of tweets, mean score`}
      span={2}
    >
      {points.length === 0 ? <EmptyState /> : <SentimentChart points={points} height={260} gaps={gaps} />}
    </Panel>
  );
});
