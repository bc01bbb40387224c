// The edges of each decoding rule: which members decide a record's format, which profile and
// entity fields are read, every compliance event the APIs send, and the records that look like a
// notice or a user but are tweets (and the reverse). Each is a choice a stream's counts depend on.
import { describe, expect, it } from 'vitest';
import { type Tweet, decodeRecord } from '../src/index.js';

const CREATED = '2021-04-08T19:34:16.000Z';
const V1_CREATED = 'Wed Oct 10 20:19:24 +0000 2018';

function tweetOf(record: unknown): Tweet {
  const decoded = decodeRecord(record, 3);
  if (decoded.kind !== 'tweets' || decoded.tweets.length !== 1) {
    throw new Error(`expected one tweet, got ${JSON.stringify(decoded)}`);
  }
  return decoded.tweets[0]!;
}

function v2(extra: Record<string, unknown>): Record<string, unknown> {
  return { id: '1', created_at: CREATED, text: 'hello #Own @alice', author_id: '10', ...extra };
}

describe('which members decide the format', () => {
  it('a flattened v2 tweet is recognised by its text alone or its id alone, and says what it lacks', () => {
    expect(decodeRecord({ id: '1', created_at: CREATED }, 6)).toEqual({
      kind: 'rejected',
      line: 6,
      reason: 'tweet 1 has no text',
    });
    expect(decodeRecord({ text: 'hi', created_at: CREATED }, 6)).toEqual({
      kind: 'rejected',
      line: 6,
      reason: 'tweet has no id',
    });
  });

  it('a v1.1 REST status is recognised by full_text alone', () => {
    const tweet = tweetOf({ id: '5', full_text: 'rest #Text', created_at: V1_CREATED });
    expect(tweet).toMatchObject({ id: '5', text: 'rest #Text', hashtags: ['Text'] });
    expect(tweet.createdAt).toBe(Date.UTC(2018, 9, 10, 20, 19, 24));
  });

  it('a status with full_text and no text decodes', () => {
    const tweet = tweetOf({ id_str: '6', full_text: 'only full', created_at: V1_CREATED });
    expect(tweet.text).toBe('only full');
  });

  it('a null data member is no v2 envelope: the record is read as the notice it is', () => {
    expect(decodeRecord({ data: null, errors: [{ title: 'Not Found Error', detail: 'gone' }] }, 2)).toEqual({
      kind: 'notice',
      notice: 'error',
      message: 'Not Found Error: gone',
    });
  });

  it('a timestamp_ms with anything before its digits falls back to created_at', () => {
    const tweet = tweetOf({ id_str: '7', text: 't', created_at: V1_CREATED, timestamp_ms: 'x1539202764123' });
    expect(tweet.createdAt).toBe(Date.UTC(2018, 9, 10, 20, 19, 24));
  });

  it('a record that breaks the decoder itself is rejected as a decoder failure, and the stream goes on', () => {
    const hostile = {
      get data(): unknown {
        throw new Error('getter exploded');
      },
    };
    expect(decodeRecord(hostile, 9)).toEqual({
      kind: 'rejected',
      line: 9,
      reason: 'decoder failure (please report): getter exploded',
    });
  });
});

describe('entities and bodies', () => {
  it('skips null and non-object entities in a list', () => {
    const tweet = tweetOf({
      data: v2({ entities: { hashtags: [null, { tag: 'A' }, 'B', 7], mentions: [null, { username: 'x' }] } }),
    });
    expect(tweet.hashtags).toEqual(['A']);
    expect(tweet.mentions).toEqual(['x']);
  });

  it("a v1.1 status's own entities decide its hashtags, even against its text", () => {
    const tweet = tweetOf({
      id_str: '8',
      text: 'text says #Typed',
      created_at: V1_CREATED,
      entities: { hashtags: [{ text: 'Listed' }], user_mentions: [] },
    });
    expect(tweet.hashtags).toEqual(['Listed']);
    expect(tweet.mentions).toEqual([]);
  });

  it("a long post's note_tweet entities decide its hashtags, even against its text", () => {
    const tweet = tweetOf({
      data: v2({
        note_tweet: { text: 'long text with #Typed', entities: { hashtags: [{ tag: 'Listed' }] } },
      }),
    });
    expect(tweet.text).toBe('long text with #Typed');
    expect(tweet.hashtags).toEqual(['Listed']);
  });

  it('a v1.1 status whose extended_tweet has no text is read from its own, or as empty', () => {
    const tweet = tweetOf({ id_str: '9', created_at: V1_CREATED, extended_tweet: { entities: {} } });
    expect(tweet.text).toBe('');
    expect(tweet.hashtags).toEqual([]);
  });

  it('a reference of an unknown type makes no reply, quote or retweet', () => {
    const tweet = tweetOf({ data: v2({ referenced_tweets: [{ type: 'mentioned', id: '2' }] }) });
    expect({ isRetweet: tweet.isRetweet, isQuote: tweet.isQuote, isReply: tweet.isReply }).toEqual({
      isRetweet: false,
      isQuote: false,
      isReply: false,
    });
  });
});

describe('expansions found by id', () => {
  // A message's few expansions are scanned and a page's many are indexed (v2.ts): both must give
  // the same answers, the last of a repeated id winning as it did with maps alone.
  const filler = (n: number) =>
    Array.from({ length: n }, (_, i) => ({ id: `9${i}`, text: `other ${i}`, author_id: `8${i}` }));
  const retweet = { data: v2({ referenced_tweets: [{ type: 'retweeted', id: '2' }] }) };
  const user = (name: string) => ({ id: '10', username: name });

  for (const extra of [0, 12]) {
    it(`${extra > 0 ? 'many' : 'few'} expansions: the retweeted text and the author are those last given for the id`, () => {
      const includes = {
        tweets: [
          { id: '2', text: 'first copy #First' },
          ...filler(extra),
          { id: 2, text: 'a number id is no match #Number' },
          { id: '2', text: 'last copy #Last' },
          { id: '3', text: 'another tweet after it #Other' },
        ],
        users: [
          user('first'),
          ...filler(extra).map((t) => ({ id: t.author_id })),
          user('last'),
          { id: '11', username: 'another user after it' },
        ],
      };
      const tweet = tweetOf({ ...retweet, includes });
      expect(tweet.text).toBe('last copy #Last');
      expect(tweet.hashtags).toEqual(['Last']);
      expect(tweet.author?.username).toBe('last');
    });

    it(`${extra > 0 ? 'many' : 'few'} expansions: an id given none keeps the retweet's own text and no author`, () => {
      const includes = { tweets: [...filler(extra), 'not an object'], users: [{ id: '11' }] };
      const tweet = tweetOf({ ...retweet, includes });
      expect(tweet.text).toBe('hello #Own @alice');
      expect(tweet.author).toBeNull();
    });
  }
});

describe('profiles', () => {
  it('a v2 user gives every field, its counts from public_metrics', () => {
    const decoded = decodeRecord(
      {
        data: v2({}),
        includes: {
          users: [
            {
              id: '10',
              username: 'alice',
              name: 'Alice',
              verified: true,
              created_at: CREATED,
              location: 'Oslo',
              public_metrics: { followers_count: 1, following_count: 2, tweet_count: 3 },
            },
          ],
        },
      },
      1,
    );
    expect(decoded).toMatchObject({
      profiles: [
        {
          id: '10',
          username: 'alice',
          name: 'Alice',
          verified: true,
          followers: 1,
          following: 2,
          tweetCount: 3,
          createdAt: Date.parse(CREATED),
          location: 'Oslo',
        },
      ],
    });
  });

  it('a v1.1 user gives its creation time and location', () => {
    const tweet = tweetOf({
      id_str: '11',
      text: 't',
      created_at: V1_CREATED,
      user: { id_str: '20', screen_name: 'eve', created_at: V1_CREATED, location: 'Paris' },
    });
    expect(tweet.author).toMatchObject({ createdAt: Date.UTC(2018, 9, 10, 20, 19, 24), location: 'Paris' });
  });

  it('in a page, an entry with a username and no text is a user; one with text, or without a username, is a tweet', () => {
    const decoded = decodeRecord(
      {
        data: [
          { id: '5', username: 'u' },
          v2({ id: '6', username: 'recorder-added' }),
          { id: '7', created_at: CREATED },
        ],
      },
      1,
    );
    expect(decoded.kind).toBe('tweets');
    if (decoded.kind !== 'tweets') return;
    expect(decoded.profiles.map((profile) => profile.id)).toEqual(['5']);
    expect(decoded.tweets.map((tweet) => tweet.id)).toEqual(['6']);
    expect(decoded.warnings).toEqual(['data[2]: tweet 7 has no text']);
  });
});

describe('notices', () => {
  it.each([
    'delete',
    'withheld',
    'drop',
    'undrop',
    'scrub_geo',
    'user_delete',
    'user_undelete',
    'user_withheld',
    'user_suspend',
    'user_unsuspend',
    'user_protect',
    'user_unprotect',
    'user_profile_modification',
    'status_withheld',
  ])('the compliance event "%s" is a compliance notice, in v2 data and as a v1.1 message', (event) => {
    const detail = { id: '1' };
    expect(decodeRecord({ data: { [event]: detail } }, 1)).toEqual({
      kind: 'notice',
      notice: 'compliance',
      message: `${event}: {"id":"1"}`,
    });
    expect(decodeRecord({ [event]: detail }, 1)).toEqual({
      kind: 'notice',
      notice: 'compliance',
      message: `${event}: {"id":"1"}`,
    });
  });

  it('a v1.1 friends list, in either id form, is a notice', () => {
    expect(decodeRecord({ friends_str: ['1'] }, 1)).toEqual({
      kind: 'notice',
      notice: 'other',
      message: 'friends_str message',
    });
  });

  it('a problem object needs both a title and a type; either alone is no notice', () => {
    expect(decodeRecord({ title: 'Oops', type: 'about:blank' }, 1)).toMatchObject({
      kind: 'notice',
      notice: 'error',
    });
    expect(decodeRecord({ title: 'Oops', detail: 'd' }, 1)).toMatchObject({ kind: 'rejected' });
    expect(decodeRecord({ type: 'about:blank', detail: 'd' }, 1)).toMatchObject({ kind: 'rejected' });
  });

  it('a tweet carrying members named like notices is still a tweet', () => {
    expect(tweetOf({ id: '1', text: 'flattened', created_at: CREATED, event: 'x' }).text).toBe('flattened');
    expect(
      tweetOf({ id: '2', full_text: 'rest', created_at: V1_CREATED, action: 'delete', control: {} }).text,
    ).toBe('rest');
  });

  it('a compliance result line needs an action and an id', () => {
    expect(decodeRecord({ id: '1', action: 'delete', reason: 'deleted' }, 1)).toEqual({
      kind: 'notice',
      notice: 'compliance',
      message: 'delete 1 (deleted)',
    });
    expect(decodeRecord({ action: 'delete' }, 1)).toMatchObject({ kind: 'rejected' });
  });
});
