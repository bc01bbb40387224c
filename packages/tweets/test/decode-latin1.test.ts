// decodeLineBytes: a line's bytes, where a read chunk holds them, decode to exactly what decodeLine
// makes of the same bytes read as UTF-8 (parsed to members, or read a character per byte), on every
// real recording, on the same records with every string beyond ASCII, and on the lines where a
// byte could be read wrongly (escapes, bad UTF-8, a BOM).
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { createMemberParser, nativeJson, projectMembers } from '@hashpulse/fast-json';
import { describe, expect, it } from 'vitest';
import {
  DECODED_MEMBERS,
  decodeLine,
  decodeLineBytes,
  type DecodeOptions,
  type DecodedLine,
} from '../src/index.js';
import { X_API_V2 } from './recordings.js';

const nativeParser = createMemberParser(DECODED_MEMBERS);

/** Lines a parseMembers below parsed (rather than leaving them to JSON.parse). */
let parsedMembers = 0;

function counted(parse: NonNullable<DecodeOptions['parseMembers']>): DecodeOptions {
  return {
    parseMembers: (bytes, start, end) => {
      const members = parse(bytes, start, end);
      if (members !== undefined) parsedMembers++;
      return members;
    },
  };
}

/**
 * How decodeLineBytes parses: with JSON.parse alone (a character per byte); to the decoded members first, by
 * projectMembers (what parseMembers means) or by the native parser (the server's, where built).
 */
const PARSINGS: Array<[string, DecodeOptions]> = [
  ['with JSON.parse', {}],
  [
    'to the decoded members (projectMembers)',
    counted((bytes, start, end) => {
      try {
        return projectMembers(JSON.parse(bytes.toString('utf8', start, end)), DECODED_MEMBERS);
      } catch {
        return undefined;
      }
    }),
  ],
];
if (nativeParser !== null) {
  PARSINGS.push([
    'to the decoded members natively',
    counted((bytes, start, end) => nativeParser.parse(bytes, start, end)),
  ]);
} else if (process.env.HASHPULSE_REQUIRE_NATIVE === '1') {
  throw new Error(`the native member parser is not built: ${nativeJson.reason}`);
}

/**
 * Both decodings of one line's bytes: [as decodeLineBytes reads them where a chunk holds them
 * between other lines, as decodeLine reads the line alone].
 */
function both(bytes: Buffer, lineNumber: number, options: DecodeOptions): [DecodedLine, DecodedLine] {
  const before = Buffer.from('{"data":{"id":"0","text":"before"}}\n');
  const chunk = Buffer.concat([before, bytes, Buffer.from('\n{"after":1}\n')]);
  return [
    decodeLineBytes(chunk, before.length, before.length + bytes.length, lineNumber, options),
    decodeLine(bytes.toString('utf8'), lineNumber),
  ];
}

/** The recording's lines as bytes (no empty string after the final newline). */
function lineBytes(file: string): Buffer[] {
  const data = readFileSync(path.join(X_API_V2, file));
  const lines: Buffer[] = [];
  let start = 0;
  for (let end = data.indexOf(10); end !== -1; end = data.indexOf(10, start)) {
    lines.push(data.subarray(start, end));
    start = end + 1;
  }
  if (start < data.length) lines.push(data.subarray(start));
  return lines;
}

const RECORDINGS = readdirSync(X_API_V2).filter((name) => name.endsWith('.jsonl'));
const WIDE = 'é·😀東京ñ';

/** The record with `extra` appended to every string value, except under the keys in `keep`. */
function widened(value: unknown, keep: ReadonlySet<string>, key = ''): unknown {
  if (typeof value === 'string') return keep.has(key) ? value : value + WIDE;
  if (Array.isArray(value)) return value.map((item) => widened(item, keep, key));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, widened(v, keep, k)]));
  }
  return value;
}

function tweetLine(
  fields: Record<string, unknown>,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    data: {
      id: '1763534649572696065',
      text: 'Qué vergüenza #España 😀',
      created_at: '2024-03-01T12:00:00.000Z',
      author_id: '1400005360231',
      entities: { hashtags: [{ start: 14, end: 21, tag: 'España' }] },
      ...fields,
    },
    ...extra,
  };
}

describe.each(PARSINGS)('decoding a line from its bytes, parsed %s', (_, options) => {
  function expectSame(bytes: Buffer, lineNumber = 1): DecodedLine {
    const [latin1, utf8] = both(bytes, lineNumber, options);
    expect(latin1).toEqual(utf8);
    return latin1;
  }

  it('gives what decodeLine gives on every line of every real recording', () => {
    let tweets = 0;
    parsedMembers = 0;
    for (const file of RECORDINGS) {
      lineBytes(file).forEach((bytes, i) => {
        const decoded = expectSame(bytes, i + 1);
        if (decoded.kind === 'tweets') tweets += decoded.tweets.length;
      });
    }
    expect(tweets).toBeGreaterThan(400);
    // Where members are parsed, nearly every line is (118 lines; not those cut off or with a lone surrogate).
    if (options.parseMembers !== undefined) expect(parsedMembers).toBeGreaterThan(110);
  });

  it('gives the same when every string of those records holds characters beyond ASCII', () => {
    // Ids and times kept, so the records still decode to tweets; then those too, so they do not.
    const variants = [new Set(['id', 'created_at', 'author_id']), new Set<string>()];
    let wideTexts = 0;
    for (const keep of variants) {
      for (const file of RECORDINGS) {
        for (const bytes of lineBytes(file)) {
          let record: unknown;
          try {
            record = JSON.parse(bytes.toString('utf8'));
          } catch {
            continue;
          }
          const decoded = expectSame(Buffer.from(JSON.stringify(widened(record, keep))));
          if (decoded.kind === 'tweets')
            wideTexts += decoded.tweets.filter((tweet) => tweet.text.includes(WIDE)).length;
        }
      }
    }
    expect(wideTexts).toBeGreaterThan(400);
  });

  it('reads tags, names, mentions and referenced tweets beyond ASCII as UTF-8 does', () => {
    const line = tweetLine(
      {
        entities: {
          hashtags: [{ start: 14, end: 21, tag: 'España' }],
          mentions: [{ start: 0, end: 5, username: 'ñandú' }],
        },
        referenced_tweets: [{ type: 'retweeted', id: 'é1' }],
        author_id: 'ü7',
      },
      {
        includes: {
          users: [
            { id: 'ü7', username: 'zoë', name: 'Zoë 東京', description: 'café · vie', location: 'Köln' },
          ],
          tweets: [{ id: 'é1', text: 'Original #東京 😀', entities: { hashtags: [{ tag: '東京' }] } }],
        },
      },
    );
    const decoded = expectSame(Buffer.from(JSON.stringify(line)));
    expect(decoded.kind).toBe('tweets');
    if (decoded.kind !== 'tweets') return;
    expect(decoded.tweets[0]).toMatchObject({
      text: 'Original #東京 😀',
      hashtags: ['東京'],
      mentions: ['ñandú'],
      authorId: 'ü7',
      author: { name: 'Zoë 東京', location: 'Köln' },
    });
  });

  it('gives the same where a byte could be read wrongly: escapes, bad UTF-8, a byte-order mark', () => {
    const utf8 = (value: unknown) => Buffer.from(JSON.stringify(value));
    const cases: Buffer[] = [
      // An escaped "é" is one character, a raw one two bytes: such lines are read as UTF-8.
      Buffer.from('{"data":{"id":"1","text":"caf\\u00e9 et café","created_at":"2024-03-01T12:00:00.000Z"}}'),
      Buffer.from('{"data":{"id":"1","text":"\\ud83d\\ude00 #x","created_at":"2024-03-01T12:00:00.000Z"}}'),
      // Bad UTF-8 inside a string: a lone continuation byte, a cut sequence before the quote, 0xff.
      Buffer.concat([
        Buffer.from('{"data":{"id":"1","text":"bad '),
        Buffer.from([0x80, 0x20, 0xe2, 0x28, 0xa1, 0x20, 0xff, 0x20, 0xf0, 0x9f]),
        Buffer.from('","created_at":"2024-03-01T12:00:00.000Z"}}'),
      ]),
      Buffer.concat([
        Buffer.from('{"data":{"id":"1","text":"cut '),
        Buffer.from([0xe6, 0x9d]),
        Buffer.from('","created_at":"2024-03-01T12:00:00.000Z"}}'),
      ]),
      // A byte-order mark, a byte beyond ASCII outside any string, a line cut off mid-character.
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8(tweetLine({}))]),
      Buffer.concat([Buffer.from('{"data":{"id":"1"}'), Buffer.from([0xc3, 0xa9]), Buffer.from('}')]),
      utf8(tweetLine({})).subarray(0, 40),
      // A rejected record and a page with a bad entry (warnings) quote what they hold.
      utf8({ data: { id: 'ü1', text: 'Qué', created_at: 'mañana' } }),
      utf8({ data: [tweetLine({}).data, 'é', { id: 'ñ', text: 'x' }], errors: [{ title: 'Señal' }] }),
      utf8({ data: [tweetLine({}).data], errors: ['suspendu é', ['a', 'ü'], { value: 'ß' }, 7] }),
      utf8({ 'clé é': 1, 'autre ü': 2 }),
      utf8({ data: { id: '1', text: 'ok' }, operational_disconnect: 'désolé' }),
    ];
    for (const bytes of cases) expectSame(bytes);
  });

  it('reads a line too long for its scratch buffer as UTF-8 does', () => {
    const long = 'ü'.repeat(70_000);
    const decoded = expectSame(Buffer.from(JSON.stringify(tweetLine({ text: long }))));
    expect(decoded.kind === 'tweets' && decoded.tweets[0]!.text).toBe(long);
  });
});

describe('decoding a line from its bytes, with parseMembers', () => {
  const line = Buffer.from(
    JSON.stringify({ data: { id: '1', text: 'the line', created_at: '2024-03-01T12:00:00.000Z' } }),
  );
  const members = { data: { id: '2', text: 'its members', created_at: '2024-03-01T12:00:00.000Z' } };

  it('keeps the tweets the members decode to, without parsing the line again', () => {
    const decoded = decodeLineBytes(line, 0, line.length, 1, { parseMembers: () => members });
    expect(decoded.kind === 'tweets' && decoded.tweets.map((tweet) => tweet.text)).toEqual(['its members']);
  });

  it('decodes the whole line where the members give no tweets, or where it leaves the line', () => {
    for (const parseMembers of [() => undefined, () => ({ limit: { track: 1 } }), () => 'not a record']) {
      const decoded = decodeLineBytes(line, 0, line.length, 1, { parseMembers });
      expect(decoded.kind === 'tweets' && decoded.tweets.map((tweet) => tweet.text)).toEqual(['the line']);
    }
  });
});
