// The live tweet feed, newest first. Virtualised: only the rows in view are in the DOM, so the
// bounded list (hundreds of tweets) scrolls smoothly whatever the rate.
import { memo, useRef, useState } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { FeedTweet, HashtagRef } from '@hashpulse/protocol';
import { formatCount } from '../format';
import { EmptyState } from './EmptyState';
import { FeedItem } from './FeedItem';
import { Panel } from './Panel';

interface TweetFeedProps {
  feed: FeedTweet[];
  onSelect(hashtag: HashtagRef): void;
}

export const TweetFeed = memo(function TweetFeed({ feed, onSelect }: TweetFeedProps) {
  const [frozen, setFrozen] = useState<FeedTweet[] | null>(null);
  const shown = frozen ?? feed;
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: shown.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => 96,
    overscan: 6,
    getItemKey: (index) => shown[index]?.id ?? index,
  });

  const pauseButton = (
    <button
      type="button"
      className="button-ghost"
      aria-pressed={frozen !== null}
      onClick={() => setFrozen(frozen === null ? feed : null)}
      data-testid="feed-pause"
    >
      {frozen === null ? 'Pause' : 'Resume'}
    </button>
  );

  return (
    <Panel
      title="Live tweets"
      testId="feed"
      meta={frozen === null ? `sampled · ${formatCount(feed.length)} kept` : 'paused'}
      actions={pauseButton}
    >
      {shown.length === 0 ? (
        <EmptyState>Waiting for tweets…</EmptyState>
      ) : (
        <div
          ref={scroller}
          className="feed-scroll"
          role="region"
          aria-label="Live tweets, newest first"
          tabIndex={0}
        >
          <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {virtualizer.getVirtualItems().map((row) => {
              const tweet = shown[row.index];
              if (tweet === undefined) return null;
              return (
                <div
                  key={row.key}
                  data-index={row.index}
                  ref={virtualizer.measureElement}
                  className="feed-row"
                  style={{ transform: `translateY(${row.start}px)` }}
                >
                  <FeedItem tweet={tweet} onSelect={onSelect} />
                </div>
              );
            })}
          </div>
        </div>
      )}
    </Panel>
  );
});
