// The tweets package's errors: one base with a stable `code` (HP_ERR_TWEETS_*) to match on; the
// message says what was wrong and may be reworded.

export abstract class TweetsError extends Error {
  abstract readonly code: `HP_ERR_TWEETS_${string}`;
}

/** Thrown inside the decoder for a tweet object that cannot be used; decodeLine turns it into a rejection. */
export class TweetShapeError extends TweetsError {
  override readonly name = 'TweetShapeError';
  override readonly code = 'HP_ERR_TWEETS_TWEET_SHAPE';
}

/** A sentiment weights file that does not fit the featurizer (format, classes, size). */
export class SentimentModelError extends TweetsError {
  override readonly name = 'SentimentModelError';
  override readonly code = 'HP_ERR_TWEETS_SENTIMENT_MODEL';
}

/** Training data the sentiment trainer cannot use (a bad line, a missing class, a bad option). */
export class TrainingDataError extends TweetsError {
  override readonly name = 'TrainingDataError';
  override readonly code = 'HP_ERR_TWEETS_TRAINING_DATA';
}
