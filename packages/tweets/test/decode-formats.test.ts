// v1.1 statuses, notices of both API versions and malformed input, on small hand-made records.
import { describe, expect, it } from 'vitest';
import { type DecodedLine, decodeLine, decodeRecord } from '../src/index.js';

const v1User = {
  id: 12,
  id_str: '12',
  screen_name: 'jack',
  name: 'jack',
  verified: true,
  followers_count: 6_000_000,
  friends_count: 4000,
  statuses_count: 29000,
  created_at: 'Tue Mar 21 20:50:14 +0000 2006',
  location: 'California',
};

const v1Extended = {
  created_at: 'Wed Oct 10 20:19:24 +0000 2018',
  id: 1050118621198921700,
  id_str: '1050118621198921728',
  text: 'To make room for more expression, we will now count all emojis as equal—including those with… https://t.co/x',
  truncated: true,
  lang: 'en',
  user: v1User,
  entities: { hashtags: [], user_mentions: [] },
  extended_tweet: {
    full_text:
      'To make room for more expression, we will now count all emojis as equal—including those with gender and skin tone modifiers &amp; more #Emoji #Twitter',
    entities: {
      hashtags: [
        { text: 'Emoji', indices: [130, 136] },
        { text: 'Twitter', indices: [137, 145] },
      ],
      user_mentions: [],
    },
  },
  in_reply_to_status_id_str: null,
  is_quote_status: false,
};

const v1Retweet = {
  created_at: 'Wed Oct 10 21:00:00 +0000 2018',
  id_str: '1050128621198921728',
  timestamp_ms: '1539205200123',
  text: 'RT @jack: To make room for more expression, we will now count all emojis as equal—including those with gender and s…',
  lang: 'en',
  user: { ...v1User, id_str: '99', screen_name: 'fan' },
  entities: { hashtags: [], user_mentions: [{ screen_name: 'jack', indices: [3, 8] }] },
  retweeted_status: v1Extended,
  is_quote_status: false,
};

function only(decoded: DecodedLine) {
  expect(decoded.kind).toBe('tweets');
  if (decoded.kind !== 'tweets') throw new Error('not tweets');
  expect(decoded.tweets).toHaveLength(1);
  return { tweet: decoded.tweets[0]!, profiles: decoded.profiles };
}

describe('v1.1 statuses', () => {
  it('take the full text and hashtags from extended_tweet', () => {
    const { tweet, profiles } = only(decodeLine(JSON.stringify(v1Extended), 1));
    expect(tweet.id).toBe('1050118621198921728');
    expect(tweet.createdAt).toBe(Date.UTC(2018, 9, 10, 20, 19, 24));
    expect(tweet.text).toMatch(/skin tone modifiers & more #Emoji #Twitter$/);
    expect(tweet.hashtags).toEqual(['Emoji', 'Twitter']);
    expect(tweet.lang).toBe('en');
    expect(tweet.authorId).toBe('12');
    expect(tweet.author).toMatchObject({
      username: 'jack',
      verified: true,
      followers: 6_000_000,
      following: 4000,
    });
    expect(profiles.map((p) => p.id)).toEqual(['12']);
    expect([tweet.isRetweet, tweet.isQuote, tweet.isReply]).toEqual([false, false, false]);
  });

  it('a retweet counts the retweeted status full text and hashtags, with the millisecond timestamp', () => {
    const { tweet, profiles } = only(decodeLine(JSON.stringify(v1Retweet), 1));
    expect(tweet.isRetweet).toBe(true);
    expect(tweet.createdAt).toBe(1539205200123);
    expect(tweet.hashtags).toEqual(['Emoji', 'Twitter']);
    expect(tweet.text.startsWith('To make room')).toBe(true);
    expect(tweet.mentions).toEqual(['jack']);
    expect(tweet.authorId).toBe('99');
    expect(profiles.map((p) => p.id)).toEqual(['99', '12']);
  });

  it('without entities, hashtags and mentions are extracted by the twitter-text rules', () => {
    const status = {
      id_str: '5',
      created_at: 'Wed Oct 10 20:19:24 +0000 2018',
      text: '@ana Καλημέρα #Ελλάδα #ß #123 a#b',
      user: v1User,
      in_reply_to_status_id_str: '4',
    };
    const { tweet } = only(decodeLine(JSON.stringify(status), 1));
    expect(tweet.hashtags).toEqual(['Ελλάδα', 'ß']);
    expect(tweet.mentions).toEqual(['ana']);
    expect(tweet.isReply).toBe(true);
  });

  it('a quote is flagged and keeps its own text', () => {
    const status = {
      ...v1Extended,
      id_str: '6',
      is_quote_status: true,
      quoted_status: v1Extended,
      extended_tweet: undefined,
      text: 'so true',
    };
    const { tweet, profiles } = only(decodeRecord(status));
    expect(tweet.isQuote).toBe(true);
    expect(tweet.text).toBe('so true');
    expect(tweet.hashtags).toEqual([]);
    expect(profiles).toHaveLength(2);
  });
});

describe('v2 records', () => {
  const message = {
    data: {
      id: '1',
      created_at: '2021-04-01T15:54:26.000Z',
      text: 'a &lt;b&gt; #Tag',
      author_id: '7',
      lang: 'en',
    },
    includes: { users: [{ id: '7', username: 'u', name: 'U', public_metrics: { followers_count: 3 } }] },
    matching_rules: [{ id: '1', tag: null }],
  };

  it('a stream message joins its author from includes.users and unescapes the text', () => {
    const { tweet, profiles } = only(decodeLine(JSON.stringify(message), 1));
    expect(tweet.text).toBe('a <b> #Tag');
    expect(tweet.hashtags).toEqual(['Tag']);
    expect(tweet.author?.followers).toBe(3);
    expect(profiles).toHaveLength(1);
  });

  it('a long post counts its note_tweet text and hashtags', () => {
    const long = {
      ...message.data,
      text: 'cut…',
      note_tweet: {
        text: 'the whole post #Long',
        entities: { hashtags: [{ start: 15, end: 20, tag: 'Long' }] },
      },
    };
    const { tweet } = only(decodeRecord({ data: long }));
    expect(tweet.text).toBe('the whole post #Long');
    expect(tweet.hashtags).toEqual(['Long']);
  });

  it('a retweet whose original is missing from includes keeps its own text', () => {
    const rt = {
      ...message.data,
      text: 'RT @u: hello #A',
      referenced_tweets: [{ type: 'retweeted', id: '404' }],
    };
    const { tweet } = only(decodeRecord({ data: rt }));
    expect(tweet.isRetweet).toBe(true);
    expect(tweet.text).toBe('RT @u: hello #A');
    expect(tweet.hashtags).toEqual(['A']);
  });

  it('a page entry without created_at is reported while the rest of the page counts', () => {
    const bad = { id: '2', text: 'no time' };
    const decoded = decodeRecord({ data: [message.data, bad, 'junk'], includes: message.includes }, 3);
    expect(decoded.kind).toBe('tweets');
    if (decoded.kind !== 'tweets') return;
    expect(decoded.tweets.map((t) => t.id)).toEqual(['1']);
    expect(decoded.warnings).toEqual([
      'data[1]: tweet 2 has no valid created_at (request tweet.fields=created_at)',
      'data[2] is a string, expected a tweet object',
    ]);
  });

  it('a stream message whose tweet has no id is rejected with the line number', () => {
    expect(decodeLine('{"data":{"text":"x","created_at":"2021-04-01T00:00:00Z"}}', 9)).toEqual({
      kind: 'rejected',
      line: 9,
      reason: 'tweet has no id',
    });
  });
});

describe('notices are recognised and never counted', () => {
  const cases: Array<[string, unknown, string]> = [
    ['v1.1 limit', { limit: { track: 1234, timestamp_ms: '1' } }, 'limit'],
    [
      'v1.1 delete',
      { delete: { status: { id_str: '1', user_id_str: '2' }, timestamp_ms: '1' } },
      'compliance',
    ],
    [
      'v1.1 status_withheld',
      { status_withheld: { id: 1, user_id: 2, withheld_in_countries: ['DE'] } },
      'compliance',
    ],
    ['v1.1 scrub_geo', { scrub_geo: { user_id_str: '2', up_to_status_id_str: '3' } }, 'compliance'],
    ['v1.1 disconnect', { disconnect: { code: 7, stream_name: 's', reason: 'admin logout' } }, 'error'],
    [
      'v1.1 stall warning',
      { warning: { code: 'FALLING_BEHIND', message: 'behind', percent_full: 60 } },
      'other',
    ],
    [
      'v2 compliance stream',
      { data: { delete: { tweet: { id: '1', author_id: '2' }, event_at: '2021-01-01T00:00:00Z' } } },
      'compliance',
    ],
    [
      'v2 batch compliance',
      { id: '1', action: 'delete', created_at: '2019-09-06T17:25:54.667Z', reason: 'deleted' },
      'compliance',
    ],
    [
      'v2 stream error',
      {
        errors: [
          {
            title: 'operational-disconnect',
            detail: 'This stream has been disconnected upstream',
            type: 'https://api.twitter.com/2/problems/operational-disconnect',
          },
        ],
      },
      'error',
    ],
    [
      'v2 problem',
      {
        title: 'ConnectionException',
        detail: 'This stream is currently at the maximum allowed connection limit.',
        type: 'https://api.twitter.com/2/problems/streaming-connection',
      },
      'error',
    ],
    ['v2 empty page', { meta: { result_count: 0 } }, 'other'],
  ];
  for (const [name, record, kind] of cases) {
    it(`${name} -> ${kind}`, () => {
      const decoded = decodeLine(JSON.stringify(record), 1);
      expect(decoded).toMatchObject({ kind: 'notice', notice: kind });
    });
  }

  it('the error notice says what the API said', () => {
    const decoded = decodeRecord({
      errors: [{ title: 'operational-disconnect', detail: 'disconnected upstream' }],
    });
    expect(decoded).toEqual({
      kind: 'notice',
      notice: 'error',
      message: 'operational-disconnect: disconnected upstream',
    });
  });
});

describe('malformed lines are rejected with their line number and never throw', () => {
  const bad: Array<[string, RegExp]> = [
    ['{"data": {"id": "1"', /invalid JSON/],
    ['not json at all', /invalid JSON/],
    ['[1,2]', /expected a JSON object, got an array/],
    ['42', /expected a JSON object, got a number/],
    ['null', /expected a JSON object, got null/],
    ['{"hello": "world"}', /unrecognised record with members \{hello\}/],
    ['{"data": 5}', /data is a number/],
    ['{"id_str": "1", "text": "x", "created_at": "yesterday"}', /no valid created_at/],
  ];
  for (const [line, reason] of bad) {
    it(`rejects ${line}`, () => {
      const decoded = decodeLine(line, 42);
      expect(decoded.kind).toBe('rejected');
      if (decoded.kind === 'rejected') {
        expect(decoded.line).toBe(42);
        expect(decoded.reason).toMatch(reason);
      }
    });
  }

  it('a byte-order mark before the first record is ignored', () => {
    const line =
      '\ufeff' + JSON.stringify({ data: { id: '1', created_at: '2021-04-01T15:54:26.000Z', text: 'hi' } });
    expect(decodeLine(line, 1)).toMatchObject({ kind: 'tweets', tweets: [{ id: '1', text: 'hi' }] });
  });

  it('a blank line is a notice, not a tweet or a rejection', () => {
    expect(decodeLine('   ', 3)).toEqual({ kind: 'notice', notice: 'other', message: 'blank line 3' });
  });
});
