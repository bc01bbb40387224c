// A recording decoded on DecodePool threads gives what decoding on the main thread gives: the same
// records in the same order, the same problems with their lines, the same read failure; and each
// tweet comes analysed, as the job would analyse it. The threads yield the cores to the main one.
// Both read lines as their bytes (decodeLineBytes): what they give is also what decoding every
// line as UTF-8 text gives, and with `analyze`'s decoder (decodeTweetsOnly) the same less
// the carried profiles.
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeTweet, decodeLine } from '@hashpulse/tweets';
import { LineReadError } from '../../files/index.js';
import { generateMessages } from '../../generate/index.js';
import type { TweetAnalysedAhead } from '../../job/analysed-tweet.js';
import { decodeFile, type DecodeFileOptions } from './decode-file.js';
import { decodeTweetsOnly, readsBytes, type LineProblem } from './line-outcome.js';
import { DecodePool } from './decode-pool.js';
import { inputFilesFromPaths } from './input-file.js';
import type { OrderedRecord } from './ordered-record.js';

const ROOT = path.resolve(import.meta.dirname, '../../../../..');
const RECORDINGS = path.join(ROOT, 'test-data/x-api-v2');
let dir: string;
let pool: DecodePool;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'hashpulse-decode-pool-'));
  pool = new DecodePool(2, 'model');
});
afterAll(async () => {
  await pool.close();
  await rm(dir, { recursive: true, force: true });
});

interface Decoded {
  records: OrderedRecord[];
  problems: LineProblem[];
  failure: LineReadError | null;
}

async function decodeAll(file: string, options: DecodeFileOptions = {}): Promise<Decoded> {
  const [input] = await inputFilesFromPaths([file]);
  const out: Decoded = { records: [], problems: [], failure: null };
  try {
    for await (const batch of decodeFile(input!, 3, {
      ...options,
      onProblem: (problem) => out.problems.push(problem),
    }))
      out.records.push(...batch);
  } catch (error) {
    if (!(error instanceof LineReadError)) throw error;
    out.failure = error;
  }
  return out;
}

/** The records without the analysis done ahead, to compare with the main thread's. */
function plain(records: OrderedRecord[]): OrderedRecord[] {
  return records.map((record) => {
    const { ahead: _ahead, ...tweet } = record.tweet as TweetAnalysedAhead;
    return { ...record, tweet };
  });
}

describe('decoding on DecodePool threads', () => {
  it('gives every bundled recording as the main thread does, each tweet analysed for the job', async () => {
    const files = [
      ...(await readdir(RECORDINGS))
        .filter((name) => name.endsWith('.jsonl'))
        .map((n) => path.join(RECORDINGS, n)),
      path.join(ROOT, 'data/demo/tweets.jsonl.gz'),
    ];
    let tweets = 0;
    let problems = 0;
    for (const file of files) {
      const here = await decodeAll(file);
      const threaded = await decodeAll(file, { decode: pool });
      expect(plain(threaded.records), file).toEqual(here.records);
      expect(threaded.problems, file).toEqual(here.problems);
      for (const { tweet } of threaded.records) {
        const ahead = (tweet as TweetAnalysedAhead).ahead;
        expect(ahead?.scorer).toBe('model');
        expect(ahead?.analysis).toEqual(analyzeTweet(tweet, 'model'));
      }
      tweets += here.records.length;
      problems += here.problems.length;
    }
    // The comparison covered tweets and problem lines (the error stream, compliance notices).
    expect(tweets).toBeGreaterThan(12_000);
    expect(problems).toBeGreaterThanOrEqual(5);
  });

  it('reads lines as their bytes to what UTF-8 decoding gives, beyond ASCII too, here and on threads', async () => {
    const messages = [
      ...generateMessages({ minutes: 1, rate: 20, seed: 4, startMs: Date.UTC(2024, 0, 1) }),
    ].map((item) => Buffer.from(JSON.stringify(item.message)));
    const tweet = (text: Buffer) =>
      Buffer.concat([
        Buffer.from('{"data":{"id":"7","created_at":"2024-01-01T00:00:09.000Z","text":"'),
        text,
        Buffer.from('"}}'),
      ]);
    const odd = [
      Buffer.from([0xef, 0xbb, 0xbf, ...messages[0]!]), // a byte-order mark
      Buffer.from([0xc2, 0xa0, 0x20]), // a UTF-8 no-break space: blank
      Buffer.from([0x20, 0xa0, 0xa0]), // lone 0xA0 bytes: not blank in UTF-8
      tweet(Buffer.from([0x62, 0x61, 0x64, 0x80, 0xe2, 0x28, 0xff, 0xf0, 0x9f])), // bad UTF-8 in a string
      tweet(Buffer.from('caf\\u00e9 café #Café')), // an escape beside a raw character
      Buffer.from([...Buffer.from('{"data":{"id":"8"}'), 0xc3, 0xa9, 0x7d]), // beyond ASCII outside a string
      Buffer.from([...tweet(Buffer.from('crlf ü #Ü')), 0x0d]),
    ];
    const file = path.join(dir, 'beyond-ascii.jsonl');
    const lines = [...odd, ...messages];
    await writeFile(file, Buffer.concat(lines.flatMap((line) => [line, Buffer.from('\n')])));
    const asUtf8 = await decodeAll(file, { decode: (text, line) => decodeLine(text, line) });
    for (const got of [await decodeAll(file), await decodeAll(file, { decode: pool })]) {
      expect(plain(got.records)).toEqual(asUtf8.records);
      expect(got.problems).toEqual(asUtf8.problems);
    }
    // Without carried profiles (`analyze`'s decoder, also read as bytes): the same
    // records and problems, the profiles left out.
    const tweetsOnly = await decodeAll(file, { decode: decodeTweetsOnly });
    expect(tweetsOnly.records).toEqual(asUtf8.records.map((record) => ({ ...record, profiles: [] })));
    expect(tweetsOnly.problems).toEqual(asUtf8.problems);
    expect(asUtf8.records.some((record) => record.profiles.length > 0)).toBe(true);
    expect(readsBytes(decodeTweetsOnly)).toBe(true);
    expect(asUtf8.records.length).toBeGreaterThan(1000);
    expect(asUtf8.records.some(({ tweet }) => tweet.text.includes('café'))).toBe(true);
    expect(asUtf8.problems.map((p) => [p.line, p.kind])).toEqual([
      [3, 'rejected'],
      [6, 'rejected'],
    ]);
  });

  it('gives the same records whichever thread decodes each block, and shares blocks when it can', async () => {
    const demo = path.join(ROOT, 'data/demo/tweets.jsonl.gz');
    const here = await decodeAll(demo);
    const mainOnly = new DecodePool(1, 'model', { blocksOutPerThread: 0 });
    const threadsOnly = new DecodePool(1, 'model', { blocksOutPerThread: 1000 });
    const shared = new DecodePool(1, 'model');
    try {
      for (const each of [mainOnly, threadsOnly, shared]) {
        const got = await decodeAll(demo, { decode: each });
        expect(plain(got.records)).toEqual(here.records);
        expect(got.problems).toEqual(here.problems);
        for (const { tweet } of got.records)
          expect((tweet as TweetAnalysedAhead).ahead?.analysis).toEqual(analyzeTweet(tweet, 'model'));
      }
      // The demo is about 13 one-MiB blocks.
      expect(mainOnly.decoded.onThreads).toBe(0);
      expect(mainOnly.decoded.here).toBeGreaterThan(10);
      expect(threadsOnly.decoded.here).toBe(0);
      expect(threadsOnly.decoded.onThreads).toBe(mainOnly.decoded.here);
      // Two blocks out on the thread at a time; the main thread took some of the rest itself.
      expect(shared.decoded.here).toBeGreaterThan(0);
      expect(shared.decoded.onThreads).toBeGreaterThan(0);
      expect(shared.decoded.here + shared.decoded.onThreads).toBe(mainOnly.decoded.here);
    } finally {
      await Promise.all([mainOnly, threadsOnly, shared].map((each) => each.close()));
    }
  });

  it('numbers lines and reports blank, CRLF, oversized and undated lines as the main thread does', async () => {
    const messages = [
      ...generateMessages({ minutes: 1, rate: 5, seed: 9, startMs: Date.UTC(2024, 0, 1) }),
    ].map((item) => JSON.stringify(item.message));
    const undated = JSON.stringify({
      data: { id: '1', text: 'no date #x', created_at: '3000-01-01T00:00:00Z' },
    });
    // Over the 16 MiB line limit, and long enough to span many read chunks.
    const oversized = `{"data":{"text":"${'x'.repeat(17 * 2 ** 20)}"}}`;
    const lines = [messages[0], '', messages[1] + '\r', undated, oversized, 'not json', ...messages.slice(2)];
    const file = path.join(dir, 'mixed.jsonl');
    // No newline at the end: the last line is still a line.
    await writeFile(file, lines.join('\n'));
    const here = await decodeAll(file);
    const threaded = await decodeAll(file, { decode: pool });
    expect(plain(threaded.records)).toEqual(here.records);
    expect(threaded.problems).toEqual(here.problems);
    expect(here.problems.map((p) => [p.line, p.kind])).toEqual([
      [4, 'rejected'],
      [5, 'rejected'],
      [6, 'rejected'],
    ]);
    expect(here.records.at(-1)!.line).toBe(lines.length);
  });

  it('hands on every tweet before a truncated gzip, then fails where the main thread fails', async () => {
    const messages = [
      ...generateMessages({ minutes: 3, rate: 20, seed: 4, startMs: Date.UTC(2024, 0, 1) }),
    ].map((item) => JSON.stringify(item.message));
    const gz = gzipSync(messages.join('\n') + '\n');
    const file = path.join(dir, 'truncated.jsonl.gz');
    await writeFile(file, gz.subarray(0, Math.floor(gz.length * 0.7)));
    const here = await decodeAll(file);
    const threaded = await decodeAll(file, { decode: pool });
    expect(here.failure).not.toBeNull();
    expect(threaded.failure?.message).toBe(here.failure!.message);
    expect(threaded.failure?.linesRead).toBe(here.failure!.linesRead);
    expect(plain(threaded.records)).toEqual(here.records);
    expect(here.records.length).toBeGreaterThan(1000);
  });

  it.runIf(process.platform === 'linux')("runs its threads below the main thread's priority", async () => {
    await pool.warm();
    // The process's threads and their niceness (the 19th field of each thread's stat).
    const niceness = await Promise.all(
      (await readdir('/proc/self/task')).map(async (tid) => {
        const stat = await readFile(`/proc/self/task/${tid}/stat`, 'utf8');
        return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]);
      }),
    );
    const main = os.getPriority();
    const lower = Math.min(19, main + 10);
    // Two decode threads 10 nicer (V8's helpers and libuv's threads keep the main thread's).
    expect(niceness.filter((n) => n === lower).length).toBe(lower === main ? niceness.length : 2);
    expect(niceness).toContain(main);
  });
});
