// Cheap looks at the two ends of a recording, so a file in time order can play at once instead of
// after a full first pass: its first tweets (are they in order?) and its last ones (when does it end?).
import { open } from 'node:fs/promises';
import { decodeLine } from '@hashpulse/tweets';
import { isGzipFile, LineReadError, LineSplitter } from '../../files/index.js';
import { decodeFile } from './decode-file.js';
import { createdAtProblem, type Decoder } from './line-outcome.js';
import type { InputFile } from './input-file.js';

/** Tweets the head look decodes: enough to tell a search recording (newest first) from a stream. */
export const HEAD_TWEETS = 1000;
/** Bytes read from the end of an uncompressed file for its last tweet's time. */
const TAIL_BYTES = 1 << 20;

export interface FileHead {
  /** The head's tweets are in ascending created_at order. */
  ascending: boolean;
  /** The head is the whole file (it had fewer tweets than HEAD_TWEETS, or a read error ended it). */
  wholeFile: boolean;
  firstTime: number | null;
  lastTime: number | null;
}

/** Decodes the file's first HEAD_TWEETS tweets (problems are left to the pass that reports them). */
export async function readHead(
  file: InputFile,
  fileIndex: number,
  decode: Decoder | undefined,
  signal: AbortSignal | undefined,
): Promise<FileHead> {
  const head: FileHead = { ascending: true, wholeFile: true, firstTime: null, lastTime: null };
  let tweets = 0;
  try {
    for await (const batch of decodeFile(file, fileIndex, {
      ...(decode ? { decode } : {}),
      ...(signal ? { signal } : {}),
    })) {
      for (const { tweet } of batch) {
        const time = tweet.createdAt;
        if (head.lastTime !== null && time < head.lastTime) head.ascending = false;
        head.firstTime ??= time;
        if (head.lastTime === null || time > head.lastTime) head.lastTime = time;
        tweets++;
      }
      if (tweets >= HEAD_TWEETS) {
        head.wholeFile = false;
        break;
      }
    }
  } catch (error) {
    // The full pass meets the same error and reports it with its line.
    if (!(error instanceof LineReadError)) throw error;
  }
  return head;
}

/**
 * The latest created_at among the complete lines of the file's last MiB, or null: none there, or
 * a gzip file (whose end cannot be read without inflating all of it).
 */
export async function readTailTime(file: InputFile, decode: Decoder = decodeLine): Promise<number | null> {
  if (await isGzipFile(file.path)) return null;
  const handle = await open(file.path, 'r');
  let tail: Buffer;
  try {
    const start = Math.max(0, file.bytes - TAIL_BYTES);
    tail = Buffer.alloc(file.bytes - start);
    const { bytesRead } = await handle.read(tail, 0, tail.length, start);
    tail = tail.subarray(0, bytesRead);
    // A read from the middle begins inside a line: from the first line break on.
    if (start > 0) tail = tail.subarray(tail.indexOf(0x0a) + 1);
  } finally {
    await handle.close();
  }
  let latest: number | null = null;
  const onLine = (text: string, oversized: boolean) => {
    if (oversized || text.trim() === '') return;
    const decoded = decode(text, 0);
    if (decoded.kind !== 'tweets') return;
    for (const tweet of decoded.tweets) {
      if (createdAtProblem(tweet.createdAt) === null && (latest === null || tweet.createdAt > latest))
        latest = tweet.createdAt;
    }
  };
  const splitter = new LineSplitter();
  splitter.push(tail, onLine);
  splitter.flush(onLine);
  return latest;
}
