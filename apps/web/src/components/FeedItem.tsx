// One tweet in the live feed: author, time, sentiment badge and text with its hashtags highlighted.
import { memo, useMemo } from 'react';
import type { FeedTweet, HashtagRef } from '@hashpulse/protocol';
import { formatClock, formatDateTime } from '../format';
import { splitHashtags } from '../highlight';
import { useTimeZone } from '../state/useTimeZone';
import { SentimentBadge } from './SentimentBadge';

export const FeedItem = memo(function FeedItem({
  tweet,
  onSelect,
}: {
  tweet: FeedTweet;
  onSelect(hashtag: HashtagRef): void;
}) {
  const parts = useMemo(() => splitHashtags(tweet.text, tweet.hashtags), [tweet.text, tweet.hashtags]);
  const timeZone = useTimeZone();
  const author = tweet.authorName ?? tweet.authorUsername ?? tweet.authorId ?? 'unknown author';
  return (
    <article className={`feed-item feed-${tweet.sentiment.label}`} data-testid="feed-item">
      <header className="feed-meta">
        <span className="feed-who">
          <span className="feed-author">{author}</span>
          {tweet.authorUsername !== null && <span className="muted"> @{tweet.authorUsername}</span>}
        </span>
        <time
          className="muted"
          dateTime={new Date(tweet.createdAt).toISOString()}
          title={formatDateTime(tweet.createdAt, timeZone)}
        >
          {formatClock(tweet.createdAt, timeZone)}
        </time>
        <SentimentBadge sentiment={tweet.sentiment} />
      </header>
      <p className="feed-text" lang={tweet.lang ?? undefined}>
        {parts.map((part, i) =>
          part.hashtag === undefined ? (
            <span key={i}>{part.text}</span>
          ) : (
            <button key={i} type="button" className="hashtag" onClick={() => onSelect(part.hashtag!)}>
              {part.text}
            </button>
          ),
        )}
      </p>
    </article>
  );
});
