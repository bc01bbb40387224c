import { readdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateMessages } from '../../generate/index.js';
import type { LineReadError } from '../../files/index.js';
import type { LineProblem } from './line-outcome.js';
import { inputFilesFromPaths } from './input-file.js';
import { OrderedTweetReader, type OrderedReaderOptions } from './ordered-reader.js';
import type { OrderedRecord } from './ordered-record.js';

const RECORDINGS = path.resolve(import.meta.dirname, '../../../../../test-data/x-api-v2');
let dir: string;
let generated: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'hashpulse-ordered-'));
  generated = path.join(dir, 'generated.jsonl.gz');
  const lines = [...generateMessages({ minutes: 2, rate: 20, seed: 3, startMs: Date.UTC(2024, 0, 1) })].map(
    (item) => JSON.stringify(item.message),
  );
  await writeFile(generated, gzipSync(lines.join('\n') + '\n'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function playAll(
  files: string[],
  options: OrderedReaderOptions = {},
): Promise<{ records: OrderedRecord[]; reader: OrderedTweetReader; problems: LineProblem[] }> {
  const problems: LineProblem[] = [];
  const reader = await OrderedTweetReader.open(await inputFilesFromPaths(files), {
    ...options,
    onProblem: (problem) => problems.push(problem),
  });
  const records: OrderedRecord[] = [];
  for await (const batch of reader.records()) records.push(...batch);
  await reader.close();
  return { records, reader, problems };
}

function expectAscending(records: OrderedRecord[]): void {
  for (let i = 1; i < records.length; i++) {
    expect(records[i]!.tweet.createdAt).toBeGreaterThanOrEqual(records[i - 1]!.tweet.createdAt);
  }
}

/** Independent count: primary tweets of a v2 page recording are the entries of `data`. */
async function pageTweetIds(file: string): Promise<string[]> {
  const text = await readFile(file, 'utf8');
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .flatMap((line) => (JSON.parse(line) as { data: { id: string }[] }).data.map((tweet) => tweet.id));
}

describe('ordered tweet reader', () => {
  it('plays a newest-first search recording forward, every tweet once', async () => {
    const file = path.join(RECORDINGS, 'brexit.jsonl');
    const { records, reader } = await playAll([file]);
    const ids = await pageTweetIds(file);
    expect(reader.scans[0]).toMatchObject({ ascending: false, newestFirst: true, tweets: ids.length });
    expect(records.map((record) => record.tweet.id).sort()).toEqual([...ids].sort());
    expectAscending(records);
    expect(records[0]!.tweet.createdAt).toBeLessThan(records.at(-1)!.tweet.createdAt);
    expect(reader.total).toBe(ids.length);
  });

  it('merges several files into one time-ordered stream and counts the cut-off line as rejected', async () => {
    const files = [
      'brexit.jsonl',
      'streaming_output_with_error.jsonl',
      'media_policy_violation_off.jsonl',
    ].map((name) => path.join(RECORDINGS, name));
    const { records, reader, problems } = await playAll(files);
    const singles = await Promise.all(files.map((file) => playAll([file])));
    expect(records).toHaveLength(singles.reduce((sum, single) => sum + single.records.length, 0));
    expect(new Set(records.map((record) => record.fileIndex))).toEqual(new Set([0, 1, 2]));
    expectAscending(records);
    const text = await readFile(files[1]!, 'utf8');
    const lastLine = text.trimEnd().split('\n').length;
    expect(problems).toContainEqual(
      expect.objectContaining({
        file: files[1],
        line: lastLine,
        kind: 'rejected',
        message: expect.stringMatching(/JSON/),
      }),
    );
    expect(reader.rejected).toBe(1);
  });

  it('reports compliance events as notices, never as tweets', async () => {
    const { records, problems } = await playAll([path.join(RECORDINGS, 'tweets_compliance.jsonl')]);
    expect(records).toEqual([]);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.every((problem) => problem.kind === 'notice')).toBe(true);
  });

  it('gives the same order through temporary sort runs as in memory, and deletes the runs', async () => {
    const files = ['brexit.jsonl', 'flat.jsonl', 'noflat.jsonl'].map((name) => path.join(RECORDINGS, name));
    const tempDir = await mkdtemp(path.join(dir, 'runs-'));
    const inMemory = await playAll(files);
    const reader = await OrderedTweetReader.open(await inputFilesFromPaths(files), {
      tempDir,
      runRecords: 17,
    });
    expect((await readdir(tempDir)).length).toBe(1);
    const [runDir] = await readdir(tempDir);
    expect((await readdir(path.join(tempDir, runDir!))).length).toBeGreaterThanOrEqual(300 / 17 - 3);
    const viaRuns: OrderedRecord[] = [];
    for await (const batch of reader.records()) viaRuns.push(...batch);
    expect(viaRuns.map((record) => [record.tweet.id, record.fileIndex])).toEqual(
      inMemory.records.map((record) => [record.tweet.id, record.fileIndex]),
    );
    await reader.close();
    expect(await readdir(tempDir)).toEqual([]);
  });

  it('plays a generated stream straight from its gzip file, again on every pass, with progress', async () => {
    const reader = await OrderedTweetReader.open(await inputFilesFromPaths([generated]));
    expect(reader.scans[0]!.ascending).toBe(true);
    for (let pass = 0; pass < 2; pass++) {
      const records: OrderedRecord[] = [];
      for await (const batch of reader.records()) {
        records.push(...batch);
        expect(reader.progress().played).toBe(records.length);
      }
      expect(records).toHaveLength(reader.total);
      expectAscending(records);
      expect(reader.progress().bytesRead).toBe(reader.totalBytes);
    }
    await reader.close();
  });

  it('skips to a position when resuming', async () => {
    const reader = await OrderedTweetReader.open(await inputFilesFromPaths([generated]));
    const all: OrderedRecord[] = [];
    for await (const batch of reader.records()) all.push(...batch);
    const rest: OrderedRecord[] = [];
    for await (const batch of reader.records({ skip: 1500 })) rest.push(...batch);
    expect(rest.map((record) => record.tweet.id)).toEqual(all.slice(1500).map((record) => record.tweet.id));
    await reader.close();
  });

  it('plays what a truncated gzip holds and reports where it stopped', async () => {
    const whole = await readFile(generated);
    const truncated = path.join(dir, 'truncated.jsonl.gz');
    await writeFile(truncated, whole.subarray(0, Math.floor(whole.length / 2)));
    const errors: LineReadError[] = [];
    const { records, reader, problems } = await playAll([truncated], {
      onReadError: (error) => errors.push(error),
    });
    expect(errors).toHaveLength(1);
    expect(errors[0]!.message).toMatch(/truncated\.jsonl\.gz: the gzip stream ends early/);
    expect(records.length).toBeGreaterThan(100);
    expect(records.length).toBe(reader.total);
    // The cut line, if any, is rejected; nothing before it is lost.
    expect(problems.filter((problem) => problem.kind === 'rejected').length).toBeLessThanOrEqual(1);
    const full = await playAll([generated]);
    expect(records.map((record) => record.tweet.id)).toEqual(
      full.records.slice(0, records.length).map((record) => record.tweet.id),
    );
  });

  describe('streaming a file in time order (no first pass)', () => {
    let lines: string[];
    let plain: string;

    beforeAll(async () => {
      lines = [...generateMessages({ minutes: 2, rate: 20, seed: 5, startMs: Date.UTC(2024, 0, 1) })].map(
        (item) => JSON.stringify(item.message),
      );
      // A bad line in the middle, so the problems of a streamed file are seen while it plays.
      lines.splice(1500, 0, '{"data": not json');
      plain = path.join(dir, 'streamed.jsonl');
      await writeFile(plain, lines.join('\n') + '\n');
    });

    async function drain(reader: OrderedTweetReader): Promise<OrderedRecord[]> {
      const records: OrderedRecord[] = [];
      for await (const batch of reader.records()) records.push(...batch);
      return records;
    }

    it('opens before reading the file, knows its end from the tail, and learns its count by playing', async () => {
      const problems: LineProblem[] = [];
      const reader = await OrderedTweetReader.open(await inputFilesFromPaths([plain]), {
        stream: true,
        onProblem: (problem) => problems.push(problem),
      });
      const exact = await playAll([plain]);
      expect(reader.totalKnown).toBe(false);
      expect(reader.total).toBe(0);
      expect(problems).toEqual([]);
      expect(reader.firstTime).toBe(exact.reader.firstTime);
      expect(reader.lastTime).toBe(exact.reader.lastTime);

      const first = await drain(reader);
      expect(reader.totalKnown).toBe(true);
      expect(reader.total).toBe(exact.reader.total);
      expect(first.map((record) => record.tweet.id)).toEqual(exact.records.map((record) => record.tweet.id));
      expect(problems).toEqual(exact.problems);
      expect(reader.rejected).toBe(1);
      // A second pass reports nothing again and counts nothing twice.
      const second = await drain(reader);
      expect(second).toHaveLength(first.length);
      expect(problems).toHaveLength(exact.problems.length);
      expect(reader.total).toBe(exact.reader.total);
      await reader.close();
    });

    it('counts each line once when the first pass is cut short and begun again', async () => {
      const problems: LineProblem[] = [];
      const reader = await OrderedTweetReader.open(await inputFilesFromPaths([plain]), {
        stream: true,
        onProblem: (problem) => problems.push(problem),
      });
      let seen = 0;
      for await (const batch of reader.records()) {
        seen += batch.length;
        if (seen > 1800) break; // past the bad line
      }
      expect(reader.totalKnown).toBe(false);
      expect(problems).toHaveLength(1);
      const records = await drain(reader);
      expect(reader.totalKnown).toBe(true);
      expect(reader.total).toBe(records.length);
      expect(problems).toHaveLength(1);
      expect(reader.rejected).toBe(1);
      await reader.close();
    });

    it('plays a tweet found out of order late, says so, and sorts the file for the next pass', async () => {
      const late = path.join(dir, 'late.jsonl');
      const shuffled = [...lines];
      // A line from the first minute moved near the end: the head is in order, the file is not.
      const [moved] = shuffled.splice(1200, 1);
      shuffled.splice(shuffled.length - 5, 0, moved!);
      await writeFile(late, shuffled.join('\n') + '\n');
      const reader = await OrderedTweetReader.open(await inputFilesFromPaths([late]), { stream: true });
      const first = await drain(reader);
      expect(reader.outOfOrder).toBeGreaterThan(0);
      expect(reader.scans[0]).toMatchObject({ complete: true, ascending: false });
      const lateIndex = first.findIndex(
        (record, i) => i > 0 && record.tweet.createdAt < first[i - 1]!.tweet.createdAt,
      );
      expect(lateIndex).toBeGreaterThan(first.length - 100);
      const second = await drain(reader);
      expectAscending(second);
      expect(second.map((record) => record.tweet.id).sort()).toEqual(
        first.map((record) => record.tweet.id).sort(),
      );
      expect(second.map((record) => record.tweet.id)).toEqual(
        (await playAll([late])).records.map((r) => r.tweet.id),
      );
      await reader.close();
    });

    it('does not stream a file whose first tweets are out of order (a search recording)', async () => {
      const reader = await OrderedTweetReader.open(
        await inputFilesFromPaths([path.join(RECORDINGS, 'brexit.jsonl')]),
        { stream: true },
      );
      expect(reader.totalKnown).toBe(true);
      expect(reader.scans[0]).toMatchObject({ complete: true, newestFirst: true, streamed: false });
      expectAscending(await drain(reader));
      // Sorted before playing: nothing played late, though the file itself runs backwards.
      expect(reader.scans[0]!.outOfOrder).toBeGreaterThan(0);
      expect(reader.outOfOrder).toBe(0);
      await reader.close();
    });

    it('reports a streamed gzip cut short when the play reaches the cut, with the tweets read', async () => {
      const whole = await readFile(generated);
      const truncated = path.join(dir, 'streamed-truncated.jsonl.gz');
      await writeFile(truncated, whole.subarray(0, Math.floor(whole.length * 0.8)));
      const errors: Array<[LineReadError, number]> = [];
      const reader = await OrderedTweetReader.open(await inputFilesFromPaths([truncated]), {
        stream: true,
        onReadError: (error, tweets) => errors.push([error, tweets]),
      });
      expect(errors).toEqual([]);
      // A gzip's end cannot be read up front: only what has been read is known.
      expect(reader.lastTime).toBeLessThan((await playAll([generated])).reader.lastTime!);
      const records = await drain(reader);
      expect(errors).toHaveLength(1);
      expect(errors[0]![1]).toBe(records.length);
      expect(reader.total).toBe(records.length);
      expect(reader.totalKnown).toBe(true);
      // The second pass ends at the cut quietly.
      expect(await drain(reader)).toHaveLength(records.length);
      expect(errors).toHaveLength(1);
      await reader.close();
    });

    it("streams only files whose end can be read up front with 'uncompressed-only'", async () => {
      const reader = await OrderedTweetReader.open(await inputFilesFromPaths([generated, plain]), {
        stream: 'uncompressed-only',
      });
      expect(reader.scans.map((scan) => scan.complete)).toEqual([true, false]);
      await reader.close();
    });
  });
});
