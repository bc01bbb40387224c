// What each decoded tweet says about itself, field by field: retweet, quote and reply flags in
// both API versions, which text and hashtags count, authors and profiles, and the exact reason
// of every rejection and notice. Users of the stream filter and count by these, so each is pinned.
import { describe, expect, it } from 'vitest';
import { type DecodedLine, type Tweet, decodeLine, decodeRecord } from '../src/index.js';

const CREATED = '2021-04-08T19:34:16.000Z';
const CREATED_MS = Date.parse(CREATED);

/** The one tweet a record decodes to (failing the test otherwise). */
function tweetOf(record: unknown): Tweet {
  const decoded = decodeRecord(record, 3);
  if (decoded.kind !== 'tweets' || decoded.tweets.length !== 1) {
    throw new Error(`expected one tweet, got ${JSON.stringify(decoded)}`);
  }
  return decoded.tweets[0]!;
}

const flags = (tweet: Tweet) => ({
  isRetweet: tweet.isRetweet,
  isQuote: tweet.isQuote,
  isReply: tweet.isReply,
});

function v2(extra: Record<string, unknown>): Record<string, unknown> {
  return { id: '1', created_at: CREATED, text: 'hello #Own @alice', author_id: '10', ...extra };
}

describe('v2 tweet classification (the live API format)', () => {
  it('a plain tweet is neither retweet, quote nor reply', () => {
    expect(flags(tweetOf({ data: v2({ referenced_tweets: [] }) }))).toEqual({
      isRetweet: false,
      isQuote: false,
      isReply: false,
    });
    expect(flags(tweetOf({ data: v2({}) }))).toEqual({ isRetweet: false, isQuote: false, isReply: false });
  });

  it('a retweet is a retweet only, and counts the original text, hashtags and mentions', () => {
    const tweet = tweetOf({
      data: v2({
        text: 'RT @bob: the original is cut…',
        entities: { mentions: [{ username: 'bob' }] },
        referenced_tweets: [{ type: 'retweeted', id: '2' }],
      }),
      includes: {
        tweets: [
          {
            id: '2',
            text: 'the original &amp; full #Tag @carol',
            entities: { hashtags: [{ tag: 'Tag' }], mentions: [{ username: 'carol' }, { username: 'bob' }] },
          },
        ],
      },
    });
    expect(flags(tweet)).toEqual({ isRetweet: true, isQuote: false, isReply: false });
    expect(tweet.text).toBe('the original & full #Tag @carol');
    expect(tweet.hashtags).toEqual(['Tag']);
    expect(tweet.mentions).toEqual(['bob', 'carol']);
  });

  it('a quote is a quote only and keeps its own text', () => {
    const tweet = tweetOf({ data: v2({ referenced_tweets: [{ type: 'quoted', id: '2' }] }) });
    expect(flags(tweet)).toEqual({ isRetweet: false, isQuote: true, isReply: false });
    expect(tweet.text).toBe('hello #Own @alice');
    expect(tweet.hashtags).toEqual(['Own']);
  });

  it('a reply is a reply only', () => {
    const tweet = tweetOf({ data: v2({ referenced_tweets: [{ type: 'replied_to', id: '2' }] }) });
    expect(flags(tweet)).toEqual({ isRetweet: false, isQuote: false, isReply: true });
  });

  it('a reply that quotes is both, and junk references are skipped', () => {
    const tweet = tweetOf({
      data: v2({
        referenced_tweets: [null, 'x', { type: 'other' }, { type: 'replied_to' }, { type: 'quoted' }],
      }),
    });
    expect(flags(tweet)).toEqual({ isRetweet: false, isQuote: true, isReply: true });
  });

  it('a flattened retweet counts the original inlined in its reference', () => {
    const tweet = tweetOf({
      data: v2({
        text: 'RT @bob: cut',
        referenced_tweets: [{ type: 'retweeted', id: '9', text: 'inlined #Full text' }],
      }),
    });
    expect(tweet.isRetweet).toBe(true);
    expect(tweet.text).toBe('inlined #Full text');
    expect(tweet.hashtags).toEqual(['Full']);
  });

  it('a retweet whose original is nowhere keeps its own text', () => {
    const tweet = tweetOf({
      data: v2({ text: 'RT @bob: #Cut', referenced_tweets: [{ type: 'retweeted' }] }),
    });
    expect(tweet.isRetweet).toBe(true);
    expect(tweet.text).toBe('RT @bob: #Cut');
    expect(tweet.hashtags).toEqual(['Cut']);
  });

  it('a retweet whose included original has no text keeps its own text and hashtags', () => {
    const tweet = tweetOf({
      data: v2({ text: 'RT @bob: #Cut', referenced_tweets: [{ type: 'retweeted', id: '2' }] }),
      includes: { tweets: [{ id: '2', entities: { hashtags: [{ tag: 'Other' }] } }] },
    });
    expect(tweet.isRetweet).toBe(true);
    expect(tweet.text).toBe('RT @bob: #Cut');
    expect(tweet.hashtags).toEqual(['Cut']);
  });

  it('a retweet falls back to the inlined original when includes lack its text', () => {
    const tweet = tweetOf({
      data: v2({
        text: 'RT @bob: cut',
        referenced_tweets: [{ type: 'retweeted', id: '2', text: 'inlined #Full' }],
      }),
      includes: { tweets: [{ id: '2' }] },
    });
    expect(tweet.text).toBe('inlined #Full');
    expect(tweet.hashtags).toEqual(['Full']);
  });

  it('without referenced_tweets, "RT @" marks a retweet and in_reply_to_user_id a reply', () => {
    expect(flags(tweetOf({ data: v2({ text: 'RT @bob: hi' }) }))).toEqual({
      isRetweet: true,
      isQuote: false,
      isReply: false,
    });
    expect(flags(tweetOf({ data: v2({ text: 'not RT @bob' }) })).isRetweet).toBe(false);
    expect(flags(tweetOf({ data: v2({ in_reply_to_user_id: '7' }) }))).toEqual({
      isRetweet: false,
      isQuote: false,
      isReply: true,
    });
  });

  it('with referenced_tweets present, they alone decide', () => {
    const tweet = tweetOf({
      data: v2({ text: 'RT @bob: hi', in_reply_to_user_id: '7', referenced_tweets: [{ type: 'quoted' }] }),
    });
    expect(flags(tweet)).toEqual({ isRetweet: false, isQuote: true, isReply: false });
  });

  it('decodes every field of a stream message, joining the author from includes.users', () => {
    const decoded = decodeRecord(
      {
        data: v2({ lang: 'en', entities: { hashtags: [{ tag: 'A' }, { tag: '' }, 5], mentions: [] } }),
        includes: {
          users: [
            { id: '10', username: 'alice', name: 'Alice', verified_type: 'blue', created_at: CREATED },
            { username: 'no id' },
            'junk',
          ],
          tweets: [{ text: 'no id' }, 7],
        },
      },
      1,
    );
    const alice = {
      id: '10',
      username: 'alice',
      name: 'Alice',
      verified: true,
      followers: null,
      following: null,
      tweetCount: null,
      createdAt: CREATED_MS,
      location: null,
    };
    expect(decoded).toEqual({
      kind: 'tweets',
      tweets: [
        {
          id: '1',
          createdAt: CREATED_MS,
          text: 'hello #Own @alice',
          lang: 'en',
          authorId: '10',
          hashtags: ['A'],
          mentions: [],
          isRetweet: false,
          isQuote: false,
          isReply: false,
          author: alice,
        },
      ],
      profiles: [alice],
    } satisfies DecodedLine);
  });

  it('an inline author wins over includes.users and gives the author id when author_id is absent', () => {
    const tweet = tweetOf({
      data: v2({
        author_id: undefined,
        author: { id: '11', username: 'inline', verified: false, public_metrics: { followers_count: 3 } },
      }),
      includes: { users: [{ id: '11', username: 'included' }] },
    });
    expect(tweet.authorId).toBe('11');
    expect(tweet.author).toMatchObject({
      username: 'inline',
      verified: false,
      followers: 3,
      following: null,
    });
  });

  it('verified_type "none" means not verified, and no verification field means unknown', () => {
    const none = tweetOf({ data: v2({ author: { id: '5', verified_type: 'none' } }) });
    expect(none.author?.verified).toBe(false);
    const unknown = tweetOf({ data: v2({ author: { id: '5' } }) });
    expect(unknown.author?.verified).toBeNull();
  });

  it('a long post counts its note_tweet text and entities, not the cut text', () => {
    const tweet = tweetOf({
      data: v2({
        text: 'cut #Short',
        entities: { hashtags: [{ tag: 'Short' }] },
        note_tweet: { text: 'the long text #Long', entities: { hashtags: [{ tag: 'Long' }] } },
      }),
    });
    expect(tweet.text).toBe('the long text #Long');
    expect(tweet.hashtags).toEqual(['Long']);
  });

  it('an entities object without hashtags means none, even when the text has some', () => {
    expect(tweetOf({ data: v2({ entities: {} }) }).hashtags).toEqual([]);
    expect(tweetOf({ data: v2({ entities: {} }) }).mentions).toEqual([]);
    expect(tweetOf({ data: v2({}) }).mentions).toEqual(['alice']);
    expect(tweetOf({ data: v2({ text: 'full-width ＃タグ and ＠someone' }) })).toMatchObject({
      hashtags: ['タグ'],
      mentions: ['someone'],
    });
    expect(tweetOf({ data: v2({ text: 'nothing here' }) })).toMatchObject({ hashtags: [], mentions: [] });
  });

  it('unescapes exactly &amp; &lt; &gt; and keeps what the author typed', () => {
    expect(tweetOf({ data: v2({ text: 'a &lt;b&gt; &amp; &quot;c&quot; &amp;amp;' }) }).text).toBe(
      'a <b> & &quot;c&quot; &amp;',
    );
  });

  it.each([
    [{ id: undefined }, 'tweet has no id'],
    [{ id: '' }, 'tweet has no id'],
    [{ created_at: 'yesterday' }, 'tweet 1 has no valid created_at (request tweet.fields=created_at)'],
    [{ created_at: undefined }, 'tweet 1 has no valid created_at (request tweet.fields=created_at)'],
    [{ text: 42 }, 'tweet 1 has no text'],
  ])('rejects a stream tweet %j saying why', (change, reason) => {
    expect(decodeRecord({ data: v2(change) }, 4)).toEqual({ kind: 'rejected', line: 4, reason });
  });

  it('takes a numeric id as the v1.1 recorders write it, but not an unsafe one', () => {
    expect(tweetOf({ data: v2({ id: 42 }) }).id).toBe('42');
    expect(decodeRecord({ data: v2({ id: 2 ** 60 }) }, 1)).toMatchObject({ kind: 'rejected' });
  });
});

describe('v2 pages and envelopes', () => {
  it('a page keeps its good tweets and reports each bad entry by index', () => {
    const decoded = decodeRecord(
      { data: [v2({ id: '1' }), 'junk', null, [1], v2({ id: '2', text: 7 }), v2({ id: '3' })] },
      1,
    );
    expect(decoded.kind).toBe('tweets');
    if (decoded.kind !== 'tweets') return;
    expect(decoded.tweets.map((tweet) => tweet.id)).toEqual(['1', '3']);
    expect(decoded.warnings).toEqual([
      'data[1] is a string, expected a tweet object',
      'data[2] is null, expected a tweet object',
      'data[3] is an array, expected a tweet object',
      'data[4]: tweet 2 has no text',
    ]);
  });

  it('a page of users gives profiles and no tweets', () => {
    const decoded = decodeRecord({ data: [{ id: '5', username: 'u', name: 'U' }] }, 1);
    expect(decoded).toMatchObject({ kind: 'tweets', tweets: [], profiles: [{ id: '5', username: 'u' }] });
    expect(decoded).not.toHaveProperty('warnings');
  });

  it('a page with partial API errors keeps its data and reports them', () => {
    const decoded = decodeRecord(
      { data: [v2({})], errors: [{ title: 'Not Found Error', detail: 'Could not find tweet 9' }] },
      1,
    );
    expect(decoded).toMatchObject({
      kind: 'tweets',
      warnings: ['API errors: Not Found Error: Could not find tweet 9'],
    });
    expect(decodeRecord({ data: [v2({})], errors: [] }, 1)).not.toHaveProperty('warnings');
  });

  it('a stream message whose data is not a tweet is rejected, naming what it is', () => {
    expect(decodeRecord({ data: 'text' }, 6)).toEqual({
      kind: 'rejected',
      line: 6,
      reason: 'data is a string, expected a tweet object',
    });
    expect(decodeRecord({ data: 5 }, 6)).toMatchObject({
      reason: 'data is a number, expected a tweet object',
    });
  });

  it('a compliance event inside data is a notice naming the event', () => {
    expect(decodeRecord({ data: { delete: { id: '1' } } }, 1)).toEqual({
      kind: 'notice',
      notice: 'compliance',
      message: 'delete: {"id":"1"}',
    });
    // A tweet that happens to carry a "withheld" member is still a tweet.
    expect(decodeRecord({ data: v2({ withheld: { copyright: true } }) }, 1).kind).toBe('tweets');
  });

  it('a flattened v2 tweet collects the inlined author, replied-to user and referenced authors', () => {
    const decoded = decodeRecord(
      {
        id: '1',
        created_at: CREATED,
        text: 'flat',
        author: { id: '10', username: 'a' },
        in_reply_to_user: { id: '11', username: 'b' },
        referenced_tweets: [
          { type: 'quoted', id: '3', author: { id: '12', username: 'c' } },
          'junk',
          { id: '4' },
        ],
      },
      1,
    );
    expect(decoded.kind).toBe('tweets');
    if (decoded.kind !== 'tweets') return;
    expect(decoded.profiles.map((profile) => profile.id)).toEqual(['10', '11', '12']);
    expect(decoded.tweets[0]).toMatchObject({ id: '1', isQuote: true, authorId: '10' });
  });

  it('a flattened tweet without references has only its own author', () => {
    const decoded = decodeRecord(
      { id: '1', created_at: CREATED, text: 'flat', author: { username: 'no id' } },
      1,
    );
    expect(decoded).toMatchObject({ kind: 'tweets', profiles: [] });
  });
});

describe('v1.1 statuses', () => {
  const status = (extra: Record<string, unknown>) => ({
    id_str: '100',
    created_at: 'Wed Oct 10 20:19:24 +0000 2018',
    text: 'plain #One @dan',
    user: {
      id_str: '20',
      screen_name: 'eve',
      name: 'Eve',
      followers_count: 5,
      friends_count: 6,
      statuses_count: 7,
    },
    ...extra,
  });

  it('a plain status has every field, its author from the user object', () => {
    expect(tweetOf(status({ lang: 'en' }))).toEqual({
      id: '100',
      createdAt: Date.UTC(2018, 9, 10, 20, 19, 24),
      text: 'plain #One @dan',
      lang: 'en',
      authorId: '20',
      hashtags: ['One'],
      mentions: ['dan'],
      isRetweet: false,
      isQuote: false,
      isReply: false,
      author: {
        id: '20',
        username: 'eve',
        name: 'Eve',
        verified: null,
        followers: 5,
        following: 6,
        tweetCount: 7,
        createdAt: null,
        location: null,
      },
    });
  });

  it('replies are recognised by either in_reply_to_status_id form', () => {
    expect(tweetOf(status({ in_reply_to_status_id_str: '5' })).isReply).toBe(true);
    expect(tweetOf(status({ in_reply_to_status_id: 5 })).isReply).toBe(true);
    expect(tweetOf(status({ in_reply_to_status_id: null })).isReply).toBe(false);
  });

  it('quotes are recognised by is_quote_status or an embedded quoted_status', () => {
    expect(flags(tweetOf(status({ is_quote_status: true })))).toEqual({
      isRetweet: false,
      isQuote: true,
      isReply: false,
    });
    expect(tweetOf(status({ quoted_status: { id_str: '7' } })).isQuote).toBe(true);
    expect(tweetOf(status({ is_quote_status: 'true' })).isQuote).toBe(false);
  });

  it('a retweet counts the retweeted status, with mentions of both, and profiles of all embedded users', () => {
    const decoded = decodeRecord(
      status({
        text: 'RT @fay: cut',
        entities: { user_mentions: [{ screen_name: 'fay' }], hashtags: [] },
        retweeted_status: {
          id_str: '99',
          text: 'short',
          extended_tweet: {
            full_text: 'the full &gt; text #Two',
            entities: { hashtags: [{ text: 'Two' }], user_mentions: [{ screen_name: 'gus' }] },
          },
          user: { id_str: '21', screen_name: 'fay' },
        },
        quoted_status: { user: { id: 22, screen_name: 'hal' } },
      }),
      1,
    );
    expect(decoded.kind).toBe('tweets');
    if (decoded.kind !== 'tweets') return;
    const tweet = decoded.tweets[0]!;
    expect(flags(tweet)).toEqual({ isRetweet: true, isQuote: true, isReply: false });
    expect(tweet.text).toBe('the full > text #Two');
    expect(tweet.hashtags).toEqual(['Two']);
    expect(tweet.mentions).toEqual(['fay', 'gus']);
    expect(decoded.profiles.map((profile) => profile.id)).toEqual(['20', '21', '22']);
  });

  it('prefers the exact timestamp_ms, and falls back to created_at when it is not digits', () => {
    expect(tweetOf(status({ timestamp_ms: '1539202764123' })).createdAt).toBe(1539202764123);
    expect(tweetOf(status({ timestamp_ms: '15392x' })).createdAt).toBe(Date.UTC(2018, 9, 10, 20, 19, 24));
  });

  it('reads full_text (REST) and extended_tweet (streaming) before the cut text', () => {
    expect(tweetOf(status({ full_text: 'full #F' })).text).toBe('full #F');
    expect(tweetOf(status({ extended_tweet: { full_text: 'ext' } })).text).toBe('ext');
    expect(tweetOf(status({ extended_tweet: { nothing: 1 } })).text).toBe('plain #One @dan');
  });

  it('takes a numeric id when id_str is missing', () => {
    expect(tweetOf(status({ id_str: undefined, id: 123 })).id).toBe('123');
  });

  it.each([
    [{ id_str: undefined }, 'status has no id_str'],
    [{ created_at: 'soon' }, 'status 100 has no valid created_at'],
    [{ text: undefined }, 'status 100 has no text'],
  ])('rejects a status %j saying why', (change, reason) => {
    expect(decodeRecord(status(change), 8)).toEqual({ kind: 'rejected', line: 8, reason });
  });

  it('a status with only extended_tweet has text', () => {
    expect(tweetOf(status({ text: undefined, extended_tweet: { full_text: 'long' } })).text).toBe('long');
  });
});

describe('notices and rejections', () => {
  it.each([
    [{ errors: [{ title: 'T', detail: 'D' }] }, 'error', 'T: D'],
    [{ errors: [{ code: 88, message: 'Rate limit exceeded' }] }, 'error', 'code 88: Rate limit exceeded'],
    [{ errors: [{ code: 'X1', reason: 'why' }] }, 'error', 'X1: why'],
    [{ errors: [{ other: 1 }, 'plain'] }, 'error', '{"other":1}; plain'],
    [
      { title: 'ConnectionException', type: 'about:blank', detail: 'too many' },
      'error',
      'ConnectionException: too many',
    ],
    [{ limit: { track: 12 } }, 'limit', 'rate limit: 12 matching tweets not delivered'],
    [{ limit: { other: 1 } }, 'limit', 'limit: {"other":1}'],
    [{ disconnect: { code: 7, reason: 'admin' } }, 'error', 'disconnect: code 7: admin'],
    [{ warning: { message: 'falling behind' } }, 'other', 'warning: falling behind'],
    [{ delete: { status: { id: 1 } } }, 'compliance', 'delete: {"status":{"id":1}}'],
    [
      { id: '5', action: 'delete', created_at: CREATED, reason: 'deleted' },
      'compliance',
      'delete 5 (deleted)',
    ],
    [{ id: 5, action: 'scrub' }, 'compliance', 'scrub 5'],
    [{ friends: [1, 2] }, 'other', 'friends message'],
    [{ event: 'follow' }, 'other', 'event message'],
    [{ control: {} }, 'other', 'control message'],
    [{ meta: { result_count: 0 } }, 'other', 'empty page (result_count 0)'],
  ])('%j is a notice', (record, notice, message) => {
    expect(decodeRecord(record, 1)).toEqual({ kind: 'notice', notice, message });
  });

  it('a problem object with text, or a page with results, is not a notice', () => {
    expect(decodeRecord({ title: 'T', type: 't', text: 'x' }, 2).kind).toBe('rejected');
    expect(decodeRecord({ meta: { result_count: 3 } }, 2).kind).toBe('rejected');
    expect(decodeRecord({ action: 'delete' }, 2).kind).toBe('rejected');
  });

  it('an unrecognised record is rejected naming up to eight of its members', () => {
    expect(decodeRecord({ a: 1, b: 2, c: 3, d: 4, e: 5, f: 6, g: 7, h: 8, i: 9 }, 12)).toEqual({
      kind: 'rejected',
      line: 12,
      reason:
        'unrecognised record with members {a, b, c, d, e, f, g, h}: expected an X API v2 message or page, a flattened v2 tweet, a v1.1 status or an API notice',
    });
  });

  it('a record that is not an object is rejected naming its type', () => {
    expect(decodeRecord([1], 2)).toEqual({
      kind: 'rejected',
      line: 2,
      reason: 'expected a JSON object, got an array',
    });
    expect(decodeRecord(null, 2)).toMatchObject({ reason: 'expected a JSON object, got null' });
    expect(decodeRecord('s', 2)).toMatchObject({ reason: 'expected a JSON object, got a string' });
  });

  it('invalid JSON is rejected with its line number; a blank line is a notice', () => {
    const bad = decodeLine('{"data": ', 9);
    expect(bad).toMatchObject({ kind: 'rejected', line: 9 });
    expect(bad.kind === 'rejected' && bad.reason).toMatch(
      /^invalid JSON \(.+\); the line may have been cut off$/,
    );
    expect(decodeLine('   ', 4)).toEqual({ kind: 'notice', notice: 'other', message: 'blank line 4' });
    expect(decodeLine('\ufeff{"limit":{"track":1}}', 1)).toMatchObject({ kind: 'notice', notice: 'limit' });
  });
});
