// DECODED_MEMBERS names every member the decoder reads on its way to tweets: on every real
// recording and on hand-made records of each format, a decode that gives tweets (with a page's
// profiles and warnings) reads no member outside the list (a record's members listed, to find
// compliance events, only where all of those events are kept whole), and a record cut down to the
// list decodes alike.
import { readdirSync } from 'node:fs';
import { projectMembers } from '@hashpulse/fast-json';
import { describe, expect, it } from 'vitest';
import { DECODED_MEMBERS, decodeRecord, type DecodedLine } from '../src/index.js';
import { COMPLIANCE_EVENTS } from '../src/decode/notice.js';
import { X_API_V2, recordingLines } from './recordings.js';

const MEMBERS = new Set(DECODED_MEMBERS.members);
const WHOLE = new Set(DECODED_MEMBERS.wholeMembers);

interface Reads {
  /** Members read (got, tested with `in`) of objects not inside a whole member. */
  names: Set<string>;
  /** Whether some such object's members were listed (Object.keys). */
  listed: boolean;
}

/** `value` watched: every member read of its objects is noted in `reads`, down to whole members. */
function watched(value: unknown, reads: Reads): unknown {
  if (typeof value !== 'object' || value === null) return value;
  const isArray = Array.isArray(value);
  return new Proxy(value, {
    get(target, key, receiver) {
      const member = Reflect.get(target, key, receiver) as unknown;
      if (isArray) return typeof key === 'string' && /^\d+$/.test(key) ? watched(member, reads) : member;
      if (typeof key !== 'string') return member;
      reads.names.add(key);
      return WHOLE.has(key) ? member : watched(member, reads);
    },
    has(target, key) {
      if (!isArray && typeof key === 'string') reads.names.add(key);
      return Reflect.has(target, key);
    },
    ownKeys(target) {
      if (!isArray) reads.listed = true;
      return Reflect.ownKeys(target);
    },
  });
}

/** Tweets (a page's profiles and warnings too): what a line parsed to DECODED_MEMBERS may give (decodeLineBytes). */
function givesTweets(decoded: DecodedLine): boolean {
  return decoded.kind === 'tweets';
}

const v1User = {
  id_str: '12',
  screen_name: 'jack',
  name: 'jack',
  verified: true,
  followers_count: 6,
  friends_count: 4,
  statuses_count: 29,
  created_at: 'Tue Mar 21 20:50:14 +0000 2006',
  location: 'California',
  url: 'x',
};
const v1Status = {
  created_at: 'Wed Oct 10 20:19:24 +0000 2018',
  id_str: '1050118621198921728',
  text: 'short… https://t.co/x',
  lang: 'en',
  user: v1User,
  entities: { hashtags: [{ text: 'a', indices: [0, 1] }], user_mentions: [{ screen_name: 'b' }], urls: [] },
  extended_tweet: {
    full_text: 'full #Emoji @c',
    entities: { hashtags: [{ text: 'Emoji' }], user_mentions: [{ screen_name: 'c' }] },
  },
  in_reply_to_status_id_str: '4',
  is_quote_status: true,
  quoted_status: {
    id_str: '7',
    text: 'q',
    created_at: 'Wed Oct 10 20:19:24 +0000 2018',
    user: { ...v1User, id_str: '13' },
  },
  source: 'web',
};
/** Records of every format the decoder reads, beyond the recordings (v2 ones made by hand too). */
const HAND_MADE: unknown[] = [
  v1Status,
  {
    ...v1Status,
    timestamp_ms: '1539205200123',
    retweeted_status: v1Status,
    extended_tweet: undefined,
    text: 'RT @jack: short',
  },
  {
    id: 5,
    id_str: '5',
    full_text: 'rest #x',
    created_at: 'Wed Oct 10 20:19:24 +0000 2018',
    in_reply_to_status_id: 4,
    user: v1User,
  },
  {
    id: '1',
    text: 'RT @a: cut…',
    created_at: '2024-03-01T12:00:00.000Z',
    author: {
      id: '2',
      username: 'u',
      name: 'U',
      verified_type: 'blue',
      public_metrics: { followers_count: 1, following_count: 2, tweet_count: 3 },
      created_at: '2020-01-01T00:00:00.000Z',
      location: 'here',
    },
    in_reply_to_user: { id: '3', username: 'v' },
    in_reply_to_user_id: '3',
    referenced_tweets: [
      {
        type: 'retweeted',
        id: '9',
        text: 'full text #tag',
        note_tweet: { text: 'longer #tag', entities: { hashtags: [{ tag: 'tag' }] } },
        author: { id: '4', username: 'w' },
      },
      { type: 'quoted', id: '8' },
    ],
    lang: 'en',
  },
  {
    data: {
      id: '1',
      text: 'RT @a: x',
      created_at: '2024-03-01T12:00:00.000Z',
      author_id: '2',
      referenced_tweets: [{ type: 'retweeted', id: '9' }],
      entities: { mentions: [{ username: 'a' }] },
    },
    includes: {
      users: [{ id: '2', username: 'u', name: 'U', verified: false, public_metrics: { followers_count: 1 } }],
      tweets: [
        {
          id: '9',
          text: 'orig',
          note_tweet: { text: 'orig long #n', entities: { hashtags: [{ tag: 'n' }] } },
          author_id: '5',
        },
      ],
    },
    matching_rules: [{ id: '1', tag: 'x' }],
  },
  {
    data: {
      id: '1',
      text: 'no entities #tag @u',
      created_at: '2024-03-01T12:00:00.000Z',
      in_reply_to_user_id: '7',
    },
  },
  {
    data: {
      id: 1,
      text: 'numeric id',
      created_at: '2024-03-01T12:00:00.000Z',
      author: { id: '2', username: 'u' },
    },
  },
  // A page with a bad entry, a tweet without a time and the API's partial errors: warnings.
  {
    data: [
      {
        id: '1',
        text: 'ok #a',
        created_at: '2024-03-01T12:00:00.000Z',
        author_id: '2',
        entities: { hashtags: [{ tag: 'a' }] },
      },
      7,
      { id: '3', text: 'no time' },
    ],
    includes: { users: [{ id: '2', username: 'u', name: 'U', location: 'L' }] },
    errors: [
      { title: 'Not Found Error', detail: 'Could not find tweet', value: '9', resource_type: 'tweet' },
    ],
  },
  // A user-lookup page: profiles and no tweets.
  {
    data: [
      {
        id: '5',
        username: 'u',
        name: 'N',
        verified: true,
        public_metrics: { followers_count: 3 },
        description: 'd',
      },
    ],
  },
];

/**
 * A status with no `text` (its full text in extended_tweet) is a tweet unless a member makes it a
 * notice: each such member below, which a projection must keep for the record to stay a notice.
 */
const textless = {
  id_str: '1',
  created_at: 'Wed Oct 10 20:19:24 +0000 2018',
  extended_tweet: { full_text: 'full #x' },
};
const NOTICES: unknown[] = [
  { ...textless, errors: [{ message: 'm' }] },
  { ...textless, title: 'Problem', type: 'about:blank' },
  { ...textless, limit: { track: 3 } },
  { ...textless, disconnect: { code: 7, reason: 'r' } },
  { ...textless, warning: { message: 'w' } },
  { ...textless, action: 'delete', id: '1' },
  { ...textless, friends: [1] },
  { ...textless, friends_str: ['1'] },
  { ...textless, event: 'follow' },
  { ...textless, control: { control_uri: 'u' } },
  { ...textless, meta: { result_count: 0 } },
  ...[...COMPLIANCE_EVENTS].map((event) => ({ ...textless, [event]: { status: { id_str: '1' } } })),
];

describe('the members the decoder reads', () => {
  const files = readdirSync(X_API_V2).filter((name) => name.endsWith('.jsonl'));
  const records: unknown[] = [...HAND_MADE, ...NOTICES];
  for (const file of files)
    for (const line of recordingLines(file)) {
      try {
        records.push(JSON.parse(line));
      } catch {
        // A cut line is decoded from the whole line, never from its members.
      }
    }

  it('are all in DECODED_MEMBERS wherever a decode gives tweets', () => {
    let decodes = 0;
    for (const record of records) {
      for (const carriedProfiles of [true, false]) {
        const reads: Reads = { names: new Set(), listed: false };
        const decoded = decodeRecord(watched(record, reads), 1, { carriedProfiles });
        if (!givesTweets(decoded)) continue;
        decodes++;
        const outside = [...reads.names].filter((name) => !MEMBERS.has(name) && !WHOLE.has(name));
        expect(outside, JSON.stringify(record).slice(0, 200)).toEqual([]);
      }
    }
    expect(decodes).toBeGreaterThan(200);
    // Each hand-made record is one such decode (so each format's reads are seen).
    for (const record of HAND_MADE) expect(givesTweets(decodeRecord(record))).toBe(true);
    // Object.keys only looks for compliance events among a record's members: kept whole, all of them.
    for (const event of COMPLIANCE_EVENTS) expect(WHOLE.has(event)).toBe(true);
  });

  it('decode, cut down to DECODED_MEMBERS, to what the whole record decodes to', () => {
    let same = 0;
    for (const record of records) {
      for (const carriedProfiles of [true, false]) {
        const projected = decodeRecord(projectMembers(record, DECODED_MEMBERS), 1, { carriedProfiles });
        if (!givesTweets(projected)) continue;
        expect(projected).toEqual(decodeRecord(record, 1, { carriedProfiles }));
        same++;
      }
    }
    expect(same).toBeGreaterThan(200);
    // Each notice stays one, cut down or not.
    for (const record of NOTICES) {
      expect(decodeRecord(record).kind).toBe('notice');
      expect(decodeRecord(projectMembers(record, DECODED_MEMBERS)).kind).toBe('notice');
    }
  });
});
