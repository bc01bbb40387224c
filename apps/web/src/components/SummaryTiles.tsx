// Headline figures of the current window: tweets (and the window's span), rate, mean sentiment,
// profile-join coverage.
import { memo } from 'react';
import type { WindowUpdate } from '@hashpulse/protocol';
import { formatCount, formatPercent, formatRate, formatScore, formatSpan } from '../format';
import { useTimeZone } from '../state/useTimeZone';

interface TileProps {
  label: string;
  value: string;
  hint?: string | undefined;
  hintTestId?: string;
}

function Tile({ label, value, hint, hintTestId }: TileProps) {
  return (
    <div className="tile">
      <div className="tile-label">{label}</div>
      <div className="tile-value">{value}</div>
      {hint !== undefined && (
        <div className="tile-hint" data-testid={hintTestId}>
          {hint}
        </div>
      )}
    </div>
  );
}

export const SummaryTiles = memo(function SummaryTiles({ current }: { current: WindowUpdate | undefined }) {
  const timeZone = useTimeZone();
  const joined = current ? current.join.matched + current.join.missing : 0;
  return (
    <div className="tiles span-full" data-testid="summary" aria-label="Current window summary">
      <Tile
        label="Tweets in window"
        value={current ? formatCount(current.tweets) : '–'}
        hint={current ? formatSpan(current.start, current.end, timeZone) : undefined}
        hintTestId="window-span"
      />
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
