import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LineReadError, ReadLimitError } from './errors.js';
import { readLineBatches, readLines, type FileLine } from './line-reader.js';

const RECORDINGS = path.resolve(import.meta.dirname, '../../../../test-data/x-api-v2');
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'hashpulse-lines-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function collect(file: string, options = {}): Promise<{ lines: FileLine[]; error: unknown }> {
  const lines: FileLine[] = [];
  try {
    for await (const line of readLines(file, options)) lines.push(line);
    return { lines, error: null };
  } catch (error) {
    return { lines, error };
  }
}

describe('line reader', () => {
  it('reads every line of a real recording with 1-based numbers and byte progress', async () => {
    const file = path.join(RECORDINGS, 'streaming_output_with_error.jsonl');
    const text = await readFile(file, 'utf8');
    const expected = text.split('\n').filter((line, i, all) => i < all.length - 1 || line !== '');
    const { lines, error } = await collect(file, { chunkBytes: 4096 });
    expect(error).toBeNull();
    expect(lines.map((line) => line.text)).toEqual(expected);
    expect(lines.map((line) => line.lineNumber)).toEqual(expected.map((_, i) => i + 1));
    expect(lines.at(-1)?.bytesRead).toBe(Buffer.byteLength(text));
    const progress = lines.map((line) => line.bytesRead);
    expect([...progress].sort((a, b) => a - b)).toEqual(progress);
  });

  it('reads gzip by its magic bytes whatever the name, with CRLF endings and multi-byte text split across chunks', async () => {
    const lines = Array.from({ length: 2000 }, (_, i) =>
      JSON.stringify({ i, text: `Καλημέρα 서울 #東京 ${i} 😀` }),
    );
    const file = path.join(dir, 'compressed-without-gz-suffix.jsonl');
    await writeFile(file, gzipSync(lines.join('\r\n') + '\r\n'));
    const { lines: read, error } = await collect(file, { chunkBytes: 777 });
    expect(error).toBeNull();
    expect(read.map((line) => line.text)).toEqual(lines);
  });

  it('keeps the last line when the file has no final newline', async () => {
    const file = path.join(dir, 'no-final-newline.jsonl');
    await writeFile(file, 'a\nb\n\nc');
    const { lines } = await collect(file);
    expect(lines.map((line) => [line.lineNumber, line.text])).toEqual([
      [1, 'a'],
      [2, 'b'],
      [3, ''],
      [4, 'c'],
    ]);
  });

  it('skips an oversized line in bounded memory and goes on with the next', async () => {
    const file = path.join(dir, 'oversized.jsonl');
    await writeFile(file, `first\n${'x'.repeat(10_000)}\nlast\n`);
    const { lines } = await collect(file, { maxLineBytes: 1000, chunkBytes: 256 });
    expect(lines.map((line) => [line.lineNumber, line.oversized, line.text])).toEqual([
      [1, false, 'first'],
      [2, true, ''],
      [3, false, 'last'],
    ]);
  });

  it('delivers every line of a truncated gzip, then a clear error naming where it stopped', async () => {
    const lines = Array.from({ length: 20_000 }, (_, i) => JSON.stringify({ i, pad: 'p'.repeat(i % 50) }));
    const whole = gzipSync(lines.join('\n') + '\n');
    const file = path.join(dir, 'truncated.jsonl.gz');
    await writeFile(file, whole.subarray(0, Math.floor(whole.length * 0.6)));
    const { lines: read, error } = await collect(file);
    expect(error).toBeInstanceOf(LineReadError);
    expect((error as Error).message).toMatch(/gzip stream ends early.*stopped after line \d+/);
    expect((error as LineReadError).linesRead).toBe(read.length);
    // Everything before the cut is intact, in order; only the last line can be partial.
    expect(read.length).toBeGreaterThan(1000);
    expect(read.slice(0, -1).map((line) => line.text)).toEqual(lines.slice(0, read.length - 1));
    expect(lines[read.length - 1]?.startsWith(read.at(-1)?.text ?? '\0')).toBe(true);
  });

  it('reports an unreadable file with a LineReadError', async () => {
    const { lines, error } = await collect(path.join(dir, 'missing.jsonl'));
    expect(lines).toEqual([]);
    expect(error).toBeInstanceOf(LineReadError);
    expect((error as Error).message).toMatch(/cannot read .*missing\.jsonl/);
  });

  it('stops a limited read of a long gzip at its file-byte limit: a limit, not a truncated file', async () => {
    const lines = Array.from({ length: 50_000 }, (_, i) =>
      JSON.stringify({ i, pad: `${i * 7919}`.repeat(3) }),
    );
    const file = path.join(dir, 'long.jsonl.gz');
    await writeFile(file, gzipSync(lines.join('\n') + '\n'));
    const limits = { maxFileBytes: 8192, maxBytes: 2 ** 30, maxRatio: 1000 };
    const { lines: read, error } = await collect(file, { limits, chunkBytes: 1024 });
    expect(error).toBeInstanceOf(ReadLimitError);
    expect((error as ReadLimitError).limit).toBe('file-bytes');
    expect((error as ReadLimitError).fileBytesRead).toBeLessThanOrEqual(8192);
    // Whole lines only: the one cut by the limit is not delivered as a line.
    expect(read.length).toBeGreaterThan(10);
    expect(read.map((line) => line.text)).toEqual(lines.slice(0, read.length));
  });

  it('delivers at most maxBytes of content, and keeps the start of the line it stopped in', async () => {
    const file = path.join(dir, 'limited.jsonl');
    await writeFile(file, `one\ntwo\n${'x'.repeat(5000)}\n`);
    const limits = { maxFileBytes: 2 ** 20, maxBytes: 100, maxRatio: 100 };
    const { lines: read, error } = await collect(file, { limits });
    expect(read.map((line) => line.text)).toEqual(['one', 'two']);
    expect(error).toBeInstanceOf(ReadLimitError);
    expect(error).toMatchObject({ limit: 'bytes', bytesRead: 100, rest: 'x'.repeat(92) });
  });

  it('reads a file that fits its limits to the end, as an unlimited read does', async () => {
    const file = path.join(RECORDINGS, 'streaming_output_with_error.jsonl');
    const limits = { maxFileBytes: 2 ** 20, maxBytes: 2 ** 20, maxRatio: 10 };
    const limited = await collect(file, { limits });
    expect(limited.error).toBeNull();
    expect(limited.lines).toEqual((await collect(file)).lines);
  });

  it('gives a slow reader of a truncated gzip every line a fast one gets, then the error', async () => {
    const text = Array.from({ length: 100_000 }, (_, i) =>
      JSON.stringify({ i, pad: 'x'.repeat(i % 37) }),
    ).join('\n');
    const gz = gzipSync(text + '\n');
    const file = path.join(dir, 'cut-slow.jsonl.gz');
    await writeFile(file, gz.subarray(0, Math.floor(gz.length * 0.8)));
    const fast = await collect(file);
    const slow: FileLine[] = [];
    let error: unknown = null;
    try {
      for await (const batch of readLineBatches(file, { chunkBytes: 16_384 })) {
        slow.push(...batch);
        // A consumer that takes its time (a replay waiting on the engine) while the gzip fails.
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    } catch (caught) {
      error = caught;
    }
    expect(fast.error).toBeInstanceOf(LineReadError);
    expect(error).toBeInstanceOf(LineReadError);
    expect(slow.length).toBeGreaterThan(1000);
    expect(slow.map((line) => line.text)).toEqual(fast.lines.map((line) => line.text));
  });
});
