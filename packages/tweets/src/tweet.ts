// The one Tweet every recorded and live format decodes into, and the profile it may carry.

/** An author profile (X API v2 user object, reduced to what the analytics use). */
export interface Profile {
  id: string;
  username: string | null;
  name: string | null;
  verified: boolean | null;
  followers: number | null;
  following: number | null;
  tweetCount: number | null;
  createdAt: number | null;
  location: string | null;
}

export interface Tweet {
  id: string;
  /** created_at as epoch ms. */
  createdAt: number;
  /**
   * The full text, HTML entities (&amp; &lt; &gt;) unescaped: note_tweet.text for long v2 posts,
   * extended_tweet.full_text for v1.1. For a retweet, the retweeted tweet's full text (from
   * includes.tweets, an inlined reference or retweeted_status), because the API cuts RT text;
   * the retweet's own "RT @user: ..." text only when the original is not in the record.
   */
  text: string;
  /** BCP 47 language as X reports it ("en", "und", ...), null when absent. */
  lang: string | null;
  authorId: string | null;
  /**
   * Hashtags as written, without '#', in order of appearance, repeats kept: from the entities when
   * the record has them, else extracted by the twitter-text rules. For a retweet, those of the
   * retweeted text (see `text`). Count them by hashtagKey()/hashtagKeys().
   */
  hashtags: string[];
  /** Mentioned usernames, without '@' (for a retweet: the retweeted user and the original's mentions). */
  mentions: string[];
  isRetweet: boolean;
  isQuote: boolean;
  isReply: boolean;
  /** The author's profile when the record carried one (includes.users, flattened author, v1.1 user). */
  author: Profile | null;
}

/** What one input line decodes into: stream tweets, recognised notices, or a rejection. */
export type DecodedLine =
  | {
      kind: 'tweets';
      tweets: Tweet[];
      /** Profiles that came with the record (includes.users), for the profile store. */
      profiles: Profile[];
      /**
       * Problems that did not stop the line: page entries that could not be decoded (the other
       * tweets still count) and partial API errors. Absent when there were none.
       */
      warnings?: string[];
    }
  | {
      kind: 'notice';
      /** compliance, limit, error (an API error object), or other recognised non-tweet message. */
      notice: 'compliance' | 'limit' | 'error' | 'other';
      message: string;
    }
  | {
      kind: 'rejected';
      /** 1-based line number in the input. */
      line: number;
      reason: string;
    };
