// Headline figures of the current window: tweets, rate, mean sentiment, profile-join coverage.
import { memo } from 'react';
import type { WindowUpdate } from '@hashpulse/protocol';
import { formatCount, formatPercent, formatRate, formatScore } from '../format';

function Tile({ label, value, hint }: { label: string; value: string; hint?: string | undefined }) {
  return (
    <div className="tile">
      <div className="tile-label">{label}</div>
      <div className="tile-value">{value}</div>
      {hint !== undefined && <div className="tile-hint">{hint}</div>}
    </div>
  );
}

export const SummaryTiles = memo(function SummaryTiles({ current }: { current: WindowUpdate | undefined }) {
  const joined = current ? current.join.matched + current.join.missing : 0;
  return (
    <div className="tiles span-full" data-testid="summary" aria-label="Current window summary">
      <Tile label="Tweets in window" value={current ? formatCount(current.tweets) : '–'} />
      <Tile label="Rate" value={current ? formatRate(current.rate) : '–'} />
      <Tile
        label="Mean sentiment"
        value={current ? formatScore(current.sentiment.mean) : '–'}
        hint={
          current && current.sentiment.unscored > 0
            ? `${formatCount(current.sentiment.unscored)} unscored`
            : undefined
        }
      />
      <Tile
        label="Top hashtag"
        value={current?.hashtags[0] ? `#${current.hashtags[0].tag}` : '–'}
        hint={current?.hashtags[0] ? `${formatCount(current.hashtags[0].count)} uses` : undefined}
      />
      <Tile
        label="Profiles joined"
        value={current && joined > 0 ? formatPercent(current.join.matched / joined) : '–'}
        hint={current ? `${formatCount(current.join.missing)} missing` : undefined}
      />
    </div>
  );
});
