// The native member parser gives what JSON.parse gives with the other members left out
// (projectMembers), or leaves the text to JSON.parse, and never anything else.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_NATIVE_TEXT, createMemberParser, nativeJson, type Projection } from './member-parser.js';
import { projectMembers } from './project-members.js';

const PROJECTION: Projection = { members: ['data', 'id', 'text', 'tags', 'é'], wholeMembers: ['errors'] };
/** Member names the values below use: kept, kept whole, and others (a repeated one, __proto__). */
const KEYS = ['data', 'id', 'text', 'tags', 'é', 'errors', 'other', 'x', '__proto__', '😀', ''];

/** Bytes written as a string, a character each (ASCII, or "\xff" for the byte 0xFF). */
function bytesOf(text: string): Buffer {
  return Buffer.from(text, 'latin1');
}

/** Whether `text` holds an integer simdjson refuses: below -2^63 or from 2^64 up (digits in strings count too). */
function beyond64Bits(text: string): boolean {
  return (text.match(/-?\d+(?![\d.eE])/g) ?? []).some((digits) => {
    const value = BigInt(digits);
    return value < -(2n ** 63n) || value >= 2n ** 64n;
  });
}

/** What the parser must give for `text` (its UTF-8 bytes): JSON.parse's value, projected. */
function expected(text: string): unknown {
  return projectMembers(JSON.parse(text), PROJECTION);
}

// Fails the whole suite where the addon should be built (CI sets HASHPULSE_REQUIRE_NATIVE=1).
const run = nativeJson.available || process.env.HASHPULSE_REQUIRE_NATIVE === '1';

describe.runIf(run)('the native member parser', () => {
  const parser = createMemberParser(PROJECTION)!;

  it('is built and loaded', () => {
    expect(nativeJson).toEqual({ available: true, reason: null });
  });

  it('gives JSON.parse with the other members left out, for any JSON value', () => {
    const value = fc.letrec((tie) => ({
      value: fc.oneof(
        { depthSize: 'small' },
        fc.constant(null),
        fc.boolean(),
        fc.integer(),
        fc.double({ noNaN: true, noDefaultInfinity: true }),
        fc.string({ unit: 'grapheme', maxLength: 12 }),
        fc.array(tie('value'), { maxLength: 4 }),
        fc.array(fc.tuple(fc.constantFrom(...KEYS), tie('value')), { maxLength: 6 }).map(membersOf),
      ),
    })).value;
    fc.assert(
      fc.property(value, (item) => {
        const text = JSON.stringify(item);
        const parsed = parser.parse(Buffer.from(text));
        // Only a "-0" or an integer beyond 64 bits may be left to JSON.parse.
        if (parsed === undefined) expect(/-0(?![0-9.eE])/.test(text) || beyond64Bits(text), text).toBe(true);
        else expect(parsed).toStrictEqual(expected(text));
      }),
      { numRuns: 3000 },
    );
  });

  it('gives, for any bytes, either what JSON.parse gives of them read as UTF-8 or nothing', () => {
    // Hostile input: cut and spliced JSON, stray bytes, bad UTF-8. Where JSON.parse fails the
    // parser must too; where it succeeds the parser may leave the text (see the refusals below).
    const json = fc.jsonValue().map((item) => JSON.stringify(item));
    const bytes = fc.oneof(
      fc.uint8Array({ maxLength: 40 }).map((raw) => Buffer.from(raw)),
      fc.tuple(json, fc.nat(), fc.uint8Array({ maxLength: 4 })).map(([text, at, raw]) => {
        const whole = Buffer.from(text);
        const cut = at % (whole.length + 1);
        return Buffer.concat([whole.subarray(0, cut), Buffer.from(raw), whole.subarray(cut)]);
      }),
    );
    fc.assert(
      fc.property(bytes, (raw) => {
        const parsed = parser.parse(raw);
        let reference: unknown;
        try {
          reference = expected(raw.toString('utf8'));
        } catch {
          expect(parsed).toBeUndefined();
          return;
        }
        if (parsed !== undefined) expect(parsed).toStrictEqual(reference);
      }),
      { numRuns: 3000 },
    );
  });

  it('keeps the last of repeated members, as JSON.parse does, also when objects repeat', () => {
    const text = '{"id":1,"data":{"id":2,"x":3},"id":4,"data":{"text":"b"},"errors":[{"y":1},{"y":2}]}';
    expect(parser.parse(bytesOf(text))).toStrictEqual({
      id: 4,
      data: { text: 'b' },
      errors: [{ y: 1 }, { y: 2 }],
    });
  });

  it('keeps a member named __proto__ inside a whole member as an own member, not a prototype', () => {
    const parsed = parser.parse(
      bytesOf('{"errors":{"__proto__":{"polluted":1},"a":2},"__proto__":{"x":1}}'),
    ) as {
      errors: Record<string, unknown>;
    };
    expect(Object.getPrototypeOf(parsed)).toBe(Object.prototype);
    expect(Object.getPrototypeOf(parsed.errors)).toBe(Object.prototype);
    expect(Object.getOwnPropertyNames(parsed.errors)).toEqual(['__proto__', 'a']);
    expect(Object.getOwnPropertyDescriptor(parsed.errors, '__proto__')).toEqual(
      Object.getOwnPropertyDescriptor(JSON.parse('{"__proto__":{"polluted":1}}') as object, '__proto__'),
    );
    expect(parsed).toStrictEqual(
      expected('{"errors":{"__proto__":{"polluted":1},"a":2},"__proto__":{"x":1}}'),
    );
  });

  it('reads strings beyond ASCII and escapes as JSON.parse reads the UTF-8 text', () => {
    for (const text of [
      '{"text":"café · 東京 😀","é":["ñ"],"tags":"tab\\there \\"q\\" \\\\ \\/ \\b\\f\\n\\r"}',
      '{"text":"caf\\u00e9 \\ud83d\\ude00 \\u0000","\\u0069d":"escaped name"}',
      '"😀"',
      '{"id":"a\\"b"}',
    ]) {
      expect(parser.parse(Buffer.from(text))).toStrictEqual(expected(text));
    }
  });

  it('reads numbers to the double JSON.parse makes of them, -0.0 included', () => {
    const text =
      '[0, 1, -1, 0.1, 1e-300, 5e-324, 1.7976931348623157e308, -1.5e308, 9007199254740993, -9223372036854775808, 18446744073709551615, 1E2, 2.5e+3, -0.0, 0.0]';
    const parsed = parser.parse(bytesOf(text)) as number[];
    expect(parsed).toStrictEqual(JSON.parse(text));
    expect(Object.is(parsed[13], -0)).toBe(true);
    expect(Object.is(parsed[14], 0)).toBe(true);
    const edges = '[2147483647, -2147483648, 2147483648, -2147483649, 1.0, 7]';
    expect(parser.parse(bytesOf(edges))).toStrictEqual(JSON.parse(edges));
  });

  it('reads values at the top and white space as JSON.parse does', () => {
    for (const text of ['null', 'true', '12', '"s"', '[]', '{}', ' \t\r\n{ "id" : [ 1 , 2 ] } \n']) {
      expect(parser.parse(bytesOf(text))).toStrictEqual(expected(text));
    }
  });

  it('leaves to JSON.parse what it would read otherwise or not at all', () => {
    const left = [
      // JSON.parse makes -0 of these (simdjson the integer 0), a string of a lone surrogate,
      // Infinity or an inexact double of numbers simdjson refuses.
      '{"id":-0}',
      '-0',
      '{"text":"\\ud800"}',
      '{"text":"x\\udc00\\u0041"}',
      '{"id":1e400}',
      '{"id":123456789012345678901234567890}',
      // Not JSON, or not UTF-8.
      '',
      '{"id":1',
      '{"id":1}x',
      '{"id":01}',
      "{'id':1}",
      '{"text":"a\tb"}',
      // A byte-order mark (simdjson skips it, JSON.parse does not).
      '\xef\xbb\xbf{}',
      '{"text":"\xff"}',
      '{"text":"\xe6\x9d"}',
      // Deeper than simdjson's limit (JSON.parse reads it), larger than the parser's buffers.
      '['.repeat(2000) + ']'.repeat(2000),
      JSON.stringify({ text: 'x'.repeat(MAX_NATIVE_TEXT) }),
      JSON.stringify({ data: Array.from({ length: 70_000 }, () => 1) }),
    ];
    for (const text of left) expect(parser.parse(bytesOf(text))).toBeUndefined();
  });

  it('gives short strings that come again from its cache, also after a parse it gave up', () => {
    const line =
      '{"text":"same","id":"2024-03-01T12:00:00.000Z","tags":["en","en","a long string past the cache, kept aside"]}';
    for (let i = 0; i < 3; i++) expect(parser.parse(bytesOf(line))).toStrictEqual(expected(line));
    // Strings cached by a parse that then ran out of room are not taken for cached ones later.
    const given = JSON.stringify({
      text: 'fresh one',
      tags: ['fresh two'],
      data: Array.from({ length: 70_000 }, () => 1),
    });
    expect(parser.parse(bytesOf(given))).toBeUndefined();
    const again = '{"text":"fresh one","tags":["fresh two"]}';
    expect(parser.parse(bytesOf(again))).toStrictEqual(expected(again));
  });

  it('tells apart short strings that share a cache slot', () => {
    // Two strings whose FNV-1a hashes share the low 12 bits (the slot), found by search.
    const slot = (text: string) => {
      let hash = 0x811c9dc5;
      for (const byte of Buffer.from(text)) hash = Math.imul(hash ^ byte, 0x01000193) >>> 0;
      return hash & 4095;
    };
    // Of one length, so only the bytes tell them apart.
    const first = 'k0000';
    let second = '';
    for (let i = 1; second === ''; i++) {
      const candidate = `k${String(i).padStart(4, '0')}`;
      if (slot(candidate) === slot(first)) second = candidate;
    }
    for (const text of [first, second, first, second, second, first]) {
      const line = `{"text":"${text}","id":["${first}","${second}"]}`;
      expect(parser.parse(bytesOf(line))).toStrictEqual(expected(line));
    }
  });

  it('reads texts nested as deep as simdjson reads (1,023 levels), and leaves deeper ones', () => {
    for (const [open, close] of [
      ['[', ']'],
      ['{"data":', '}'],
    ]) {
      const nested = (depth: number) => `${open!.repeat(depth)}1${close!.repeat(depth)}`;
      expect(parser.parse(Buffer.from(nested(1023)))).toStrictEqual(expected(nested(1023)));
      expect(parser.parse(Buffer.from(nested(1024)))).toBeUndefined();
    }
  });

  it('reads texts up to its limits: 1 MiB, 65,536 operations, 16,384 numbers beyond int32', () => {
    const longest = JSON.stringify({ text: 'x'.repeat(MAX_NATIVE_TEXT - 11) });
    expect(longest.length).toBe(MAX_NATIVE_TEXT);
    expect(parser.parse(bytesOf(longest))).toStrictEqual(expected(longest));
    // {, "data", [, its elements, ] and }: four operations besides the elements.
    const ops = (elements: number, element: string) =>
      JSON.stringify({ data: [] }).replace('[]', `[${Array(elements).fill(element).join(',')}]`);
    expect(parser.parse(bytesOf(ops(2 ** 16 - 4, 'null')))).toStrictEqual(expected(ops(2 ** 16 - 4, 'null')));
    expect(parser.parse(bytesOf(ops(2 ** 16 - 3, 'null')))).toBeUndefined();
    expect(parser.parse(bytesOf(ops(2 ** 14, '0.5')))).toStrictEqual(expected(ops(2 ** 14, '0.5')));
    expect(parser.parse(bytesOf(ops(2 ** 14 + 1, '0.5')))).toBeUndefined();
    // Integers of int32's range are written in their operations, not counted among the numbers.
    expect(parser.parse(bytesOf(ops(2 ** 14 + 1, '1')))).toStrictEqual(expected(ops(2 ** 14 + 1, '1')));
  });

  it('parses the range of bytes it is given and nothing beyond it', () => {
    // Lines as a read chunk holds them: each parsed where it lies, the next one right behind it.
    const chunk = Buffer.from('{"id":1,"text":"one"}\n{"id":2}\n[1,\n{"id":"é"}');
    const ends = [21, 30, 34, chunk.length];
    const starts = [0, 22, 31, 35];
    expect(parser.parse(chunk, starts[0], ends[0])).toStrictEqual({ id: 1, text: 'one' });
    expect(parser.parse(chunk, starts[1], ends[1])).toStrictEqual({ id: 2 });
    // "[1," is cut short at its end, whatever follows it in the chunk.
    expect(parser.parse(chunk, starts[2], ends[2])).toBeUndefined();
    expect(parser.parse(chunk, starts[3], ends[3])).toStrictEqual({ id: 'é' });
    expect(parser.parse(chunk.subarray(22), 0, 8)).toStrictEqual({ id: 2 });
    // Anywhere in its bytes: a line past the first MiB of a large chunk (a gunzipped one, say).
    const large = Buffer.concat([Buffer.alloc(MAX_NATIVE_TEXT + 5, 0x20), Buffer.from('{"id":3}\n')]);
    expect(parser.parse(large, MAX_NATIVE_TEXT + 5, MAX_NATIVE_TEXT + 13)).toStrictEqual({ id: 3 });
    expect(parser.parse(chunk, 22)).toBeUndefined();
    expect(parser.parse(chunk, 5, 5)).toBeUndefined();
    // Parsed where they lie when the chunk goes on far enough past them (simdjson reads ahead):
    // what follows them changes nothing, however it would read.
    for (const after of [
      '"' + 'x'.repeat(200),
      ']}'.repeat(100),
      '\\u12',
      ',"id":9}'.repeat(20),
      '\xff'.repeat(100),
    ]) {
      for (const line of ['{"id":1,"text":"one"}', '{"text":"é"}', '[1,', '{"id":"1', '12', '-0']) {
        const bytes = Buffer.concat([Buffer.from(line), Buffer.from(after, 'latin1')]);
        const alone = parser.parse(Buffer.from(line));
        expect(parser.parse(bytes, 0, Buffer.byteLength(line))).toStrictEqual(alone);
      }
    }
  });

  it('refuses a range outside its bytes instead of reading past them', () => {
    const bytes = Buffer.from('{"id":1}');
    expect(parser.parse(bytes, 0, 8)).toStrictEqual({ id: 1 });
    for (const [start, end] of [
      [0, 9],
      [-1, 8],
      [4, 3],
      [0, Number.NaN],
      [Number.NaN, 8],
      [0, Number.POSITIVE_INFINITY],
    ] as const) {
      expect(parser.parse(bytes, start, end)).toBeUndefined();
    }
  });

  it('refuses a projection that names a member twice, or __proto__', () => {
    expect(() => createMemberParser({ members: ['a'], wholeMembers: ['a'] })).toThrow(
      new RangeError('a projection names a member twice'),
    );
    expect(() => createMemberParser({ members: ['__proto__'], wholeMembers: [] })).toThrow(
      new RangeError('a projection cannot keep __proto__'),
    );
  });

  it('serves several projections side by side, each with its own buffers', () => {
    const other = createMemberParser({ members: ['x'], wholeMembers: [] })!;
    const text = '{"x":{"id":1},"id":2}';
    expect(other.parse(bytesOf(text))).toStrictEqual({ x: {} });
    expect(parser.parse(bytesOf(text))).toStrictEqual({ id: 2 });
    expect(other.parse(bytesOf(text))).toStrictEqual({ x: {} });
  });
});

/** An object of these members in this order, repeated names included (the last value wins). */
function membersOf(entries: Array<[string, unknown]>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of entries) {
    Object.defineProperty(out, key, { value, writable: true, enumerable: true, configurable: true });
  }
  return out;
}
