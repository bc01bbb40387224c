// A tweet's sentiment as a coloured badge: label and score ("unscored" when the language is not supported).
import type { Sentiment } from '@hashpulse/protocol';
import { formatScore } from '../format';

export function SentimentBadge({ sentiment }: { sentiment: Sentiment }) {
  const score = sentiment.label === 'unscored' ? null : sentiment.score;
  return (
    <span
      className={`sentiment sentiment-${sentiment.label}`}
      title={score === null ? 'language not scored' : `score ${formatScore(score)}`}
      data-testid="sentiment-badge"
    >
      {sentiment.label}
      {score !== null && <span className="sentiment-score"> {formatScore(score)}</span>}
    </span>
  );
}
