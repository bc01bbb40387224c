import { decodeLine, type Tweet } from '@hashpulse/tweets';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  collectingSink,
  fastClock,
  recordedStreamMessages,
  startXApiServer,
} from '../support/x-api/index.js';
import { readLines } from '../../src/files/index.js';
import { LiveSource } from '../../src/sources/live/index.js';
import { RecorderClosedError, RecorderWriteError } from '../../src/sources/recorder/errors.js';
import { StreamRecorder } from '../../src/sources/recorder/stream-recorder.js';
import { waitUntil } from '../support/eventually.js';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'hashpulse-recorder-'));
  dirs.push(dir);
  return dir;
}

async function linesOf(files: string[]): Promise<string[]> {
  const lines: string[] = [];
  for (const file of files) for await (const line of readLines(file)) lines.push(line.text);
  return lines;
}

describe('stream recorder', () => {
  it('records a live run that decodes to the same tweets the live source pushed', async () => {
    const messages = recordedStreamMessages();
    const server = await startXApiServer({ keepAliveMs: 60_000 });
    const dir = await tempDir();
    const source = new LiveSource({
      stream: 'filtered',
      bearerToken: server.bearerToken,
      baseUrl: server.url,
      ca: server.caPem,
      clock: fastClock(),
    });
    const recorder = new StreamRecorder({ dir, rotateBytes: 100_000 });
    source.on('message', (line) => recorder.write(line));
    const sink = collectingSink<Tweet>();
    // Reconnects that repeat tweets, an operational disconnect and a malformed message: the
    // recording must hold what the source accepted, so replaying it counts exactly the same.
    server.control.plan(
      {
        kind: 'stream',
        messages: [...messages.slice(0, 80), '{"data": {"id": "1", "text": '],
        after: 'drop',
      },
      { kind: 'stream', messages: messages.slice(60, 150), after: 'operational-disconnect' },
      { kind: 'stream', messages: messages.slice(140), after: 'hold' },
    );
    try {
      source.start(sink);
      await server.control.waitFor(() => sink.records.length === messages.length, 20_000, 'every tweet');
      await source.stop();
    } finally {
      await server.close();
    }
    const files = await recorder.close();

    expect(files.length).toBeGreaterThan(5);
    expect(files.every((file) => file.bytes <= 100_000)).toBe(true);
    const recordedLines = await linesOf(files.map((file) => file.path));
    const decoded = recordedLines.map((line, index) => decodeLine(line, index + 1));
    const replayedTweets = decoded.flatMap((line) => (line.kind === 'tweets' ? line.tweets : []));
    expect(replayedTweets).toEqual(sink.records.map((record) => record.value));
    expect(replayedTweets).toHaveLength(messages.length);
    expect(decoded.filter((line) => line.kind === 'rejected')).toHaveLength(source.status().rejected);
    expect(decoded.filter((line) => line.kind === 'notice')).toHaveLength(source.status().skipped);
    expect(source.status().live?.duplicatesDropped).toBe(30);
  });

  it('starts a new file before one would pass the size limit, never splitting a line', async () => {
    const dir = await tempDir();
    const recorder = new StreamRecorder({ dir, rotateBytes: 1_000, prefix: 'unit' });
    const written = Array.from({ length: 200 }, (_, i) => JSON.stringify({ n: i, pad: 'x'.repeat(i % 50) }));
    written.push(JSON.stringify({ big: 'y'.repeat(3_000) }));
    written.push(JSON.stringify({ after: 'the big one', text: 'émoji 🎉 and 日本語' }));
    for (const line of written) recorder.write(line);
    const files = await recorder.close();

    expect(await linesOf(files.map((file) => file.path))).toEqual(written);
    // Lines here are at most 70 bytes, so every file before the one cut short by the big line is nearly full.
    expect(files.slice(0, -3).every((file) => file.bytes <= 1_000 && file.bytes > 930)).toBe(true);
    expect(files.at(-3)!.bytes).toBeLessThanOrEqual(1_000);
    expect(files.at(-2)).toMatchObject({ lines: 1, bytes: 3_011 });
    expect(files.reduce((sum, file) => sum + file.lines, 0)).toBe(written.length);
    const names = (await readdir(dir)).sort();
    expect(names).toEqual(files.map((file) => path.basename(file.path)).sort());
    expect(names.every((name) => /^unit-\d{8}T\d{9}Z-\d{4}\.jsonl\.gz$/.test(name))).toBe(true);
  });

  it('keeps a file in progress out of sight until it is closed', async () => {
    const dir = await tempDir();
    const recorder = new StreamRecorder({ dir, flushIntervalMs: 0 });
    recorder.write('{"a":1}');
    const listed = async () => readdir(dir).catch(() => [] as string[]);
    await expectEventually(async () => (await listed()).length === 1);
    expect((await listed())[0]).toMatch(/\.jsonl\.gz\.part$/);
    const [file] = await recorder.close();
    expect(await readdir(dir)).toEqual([path.basename(file!.path)]);
    expect(await linesOf([file!.path])).toEqual(['{"a":1}']);
  });

  it('refuses writes after close and messages that are not one line', async () => {
    const recorder = new StreamRecorder({ dir: await tempDir() });
    expect(() => recorder.write('{"a":\n1}')).toThrow(RecorderWriteError);
    expect(await recorder.close()).toEqual([]);
    expect(() => recorder.write('{}')).toThrow(RecorderClosedError);
  });

  it('reports a file it cannot write instead of losing it silently', async () => {
    const parent = await tempDir();
    const notADirectory = path.join(parent, 'plain-file');
    await writeFile(notADirectory, 'in the way');
    const recorder = new StreamRecorder({ dir: notADirectory });
    const reported: Error[] = [];
    recorder.on('failure', (error) => reported.push(error));
    recorder.write('{"a":1}');
    await expect(recorder.close()).rejects.toThrow(/RecorderWriteError: could not write .*1 messages/);
    expect(reported).toHaveLength(1);
  });
});

function expectEventually(condition: () => Promise<boolean>, timeoutMs = 5_000): Promise<void> {
  return waitUntil('the condition', condition, { timeoutMs, intervalMs: 10 });
}
