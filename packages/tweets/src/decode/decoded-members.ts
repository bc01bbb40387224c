// The members the decoder reads on its way to tweets, by name, for a parser that builds only those
// (DecodeOptions.parseMembers; the server's is @hashpulse/fast-json's native MemberParser): a
// record parsed so decodes to the tweets and profiles of the whole record. decoded-members.test.ts
// holds every read of decodeRecord to this list over the bundled recordings and hand-made records.
import { COMPLIANCE_EVENTS } from './notice.js';

/** The shape of @hashpulse/fast-json's Projection (this package does not depend on the addon's). */
export interface MemberProjection {
  /** Kept wherever they occur, their own members projected again. */
  readonly members: readonly string[];
  /** Kept with everything inside them. */
  readonly wholeMembers: readonly string[];
}

export const DECODED_MEMBERS: MemberProjection = Object.freeze({
  members: Object.freeze([
    // v2 envelopes: a stream message, a page, its expansions.
    'data',
    'includes',
    'users',
    'tweets',
    // v2 tweets, inline or flattened (twarc2), and their referenced tweets.
    'id',
    'created_at',
    'text',
    'lang',
    'author_id',
    'author',
    'in_reply_to_user_id',
    'in_reply_to_user',
    'referenced_tweets',
    'type',
    'note_tweet',
    'entities',
    'hashtags',
    'tag',
    'mentions',
    'username',
    // v2 users (a user-lookup page's entries are told from tweets by `username`).
    'name',
    'verified',
    'verified_type',
    'public_metrics',
    'followers_count',
    'following_count',
    'tweet_count',
    'location',
    // v1.1 statuses and their users.
    'id_str',
    'timestamp_ms',
    'full_text',
    'extended_tweet',
    'retweeted_status',
    'quoted_status',
    'is_quote_status',
    'in_reply_to_status_id',
    'in_reply_to_status_id_str',
    'user',
    'user_mentions',
    'screen_name',
    'friends_count',
    'statuses_count',
    // Members whose presence makes a record a notice (noticeOf) rather than a tweet.
    'title',
    'action',
    'friends',
    'friends_str',
    'event',
    'control',
  ]),
  // Read whole where they are read: the API's errors (a page's warnings quote them), the notices'
  // own members, and compliance events, which are found among a record's members by name.
  wholeMembers: Object.freeze(['errors', 'limit', 'disconnect', 'warning', 'meta', ...COMPLIANCE_EVENTS]),
});
