// Decodes a recording file line by line into ordered records (tweets with their origin), and
// reports rejected lines, notices and decoder warnings with the file name and line number. With a
// DecodePool the lines are cut, decoded and analysed on its threads (lineOutcome, the same rule)
// and, rather than wait for them, on this one too; the records are handed on in file order.
import { EventLoopTurns } from '@hashpulse/engine';
import { decodeLine, type Profile, type Tweet } from '@hashpulse/tweets';
import { setImmediate } from 'node:timers/promises';
import { LineReadError, readLineBatches, readLineBlocks, type FileLineBlock } from '../../files/index.js';
import type { DecodedBlock, DecodePool } from './decode-pool.js';
import type { InputFile } from './input-file.js';
import {
  lineOutcome,
  readsBytes,
  type Decoder,
  type LineOutcomeProblem,
  type LineProblem,
} from './line-outcome.js';
import type { OrderedRecord } from './ordered-record.js';

/** How lines are decoded: per line on this thread, or on a pool's threads. */
export type LineDecoding = Decoder | DecodePool;

export interface DecodeFileOptions {
  /** Per line, here (default decodeLine); or a pool whose threads decode and analyse. */
  decode?: LineDecoding;
  /** Receives each problem line; leave out to ignore them (a later pass over a scanned file). */
  onProblem?: (problem: LineProblem) => void;
  /** Negate the tie-break (see OrderedRecord.tie) for newest-first files. */
  newestFirst?: boolean;
  signal?: AbortSignal;
  /** Bytes of the file consumed so far, after each batch. */
  onBytes?: (bytesRead: number) => void;
}

/** Lines decoded before the records so far are handed on (see decodeFile). */
const DECODE_SLICE_LINES = 128;
/** Decoding hands the event loop a turn after this much work. */
const TURN_AFTER_MS = 8;

/**
 * Yields the file's tweets in file order, in batches. A read failure part-way (a truncated gzip)
 * ends the stream after everything read, then throws the LineReadError for the caller to report.
 */
export async function* decodeFile(
  file: InputFile,
  fileIndex: number,
  options: DecodeFileOptions = {},
): AsyncGenerator<OrderedRecord[], void, undefined> {
  try {
    const { decode } = options;
    if (decode !== undefined && typeof decode !== 'function')
      yield* decodeOnPool(file, fileIndex, decode, options);
    else yield* decodeHere(file, fileIndex, decode ?? decodeLine, options);
  } catch (error) {
    if (error instanceof LineReadError) {
      throw new LineReadError(error.message.replace(file.path, file.name), file.name, error.linesRead, {
        cause: error.cause,
      });
    }
    throw error;
  }
}

async function* decodeHere(
  file: InputFile,
  fileIndex: number,
  decode: Decoder,
  options: DecodeFileOptions,
): AsyncGenerator<OrderedRecord[], void, undefined> {
  const { onProblem } = options;
  const sign = options.newestFirst ? -1 : 1;
  let seq = 0;
  const turns = new EventLoopTurns(TURN_AFTER_MS);
  let batch: OrderedRecord[] = [];
  let line = 0;
  const onTweet = (tweet: Tweet, profiles: Profile[]) =>
    batch.push({ tweet, profiles, fileIndex, line, tie: sign * seq++ });
  const problem = (found: LineOutcomeProblem) => onProblem?.({ file: file.name, ...found });
  // The default decoder (and decodeTweetsOnly) takes lines as their bytes: the same tweets, sooner
  // (see decodeLineBytes). Another decoder gets every line as UTF-8.
  const encoding = readsBytes(decode) ? 'bytes' : 'utf8';
  for await (const lines of readLineBatches(file.path, {
    encoding,
    ...(options.signal ? { signal: options.signal } : {}),
  })) {
    let decodedLines = 0;
    for (const fileLine of lines) {
      // A read chunk holds about a thousand lines: they are handed on in slices, and the event
      // loop gets a turn after every few milliseconds of decoding (a scan of a whole file before
      // a replay, or a fast replay, must not keep health checks and control requests waiting).
      if (++decodedLines % DECODE_SLICE_LINES === 0) {
        if (batch.length > 0) {
          yield batch;
          batch = [];
        }
        await turns.takeIfDue();
      }
      line = fileLine.lineNumber;
      lineOutcome(fileLine, line, decode, onTweet, problem);
    }
    options.onBytes?.(lines.at(-1)?.bytesRead ?? 0);
    if (batch.length > 0) {
      yield batch;
      batch = [];
    }
  }
}

/** Blocks (about 1 MiB each) read ahead of the one being played, per thread. */
const BLOCKS_AHEAD_PER_THREAD = 8;

/** A block read ahead: not started, out on a thread, or decoded (there or here). */
interface AheadBlock {
  block: FileLineBlock;
  out: Promise<DecodedBlock> | null;
  decoded: DecodedBlock | null;
}

/**
 * The pool's threads and this one decode blocks of lines while this one reads ahead and plays:
 * reading and handing blocks out goes on while the consumer is busy (a replay waits for the engine
 * after every thousand tweets), and the records come back in file order whoever decoded them.
 */
async function* decodeOnPool(
  file: InputFile,
  fileIndex: number,
  pool: DecodePool,
  options: DecodeFileOptions,
): AsyncGenerator<OrderedRecord[], void, undefined> {
  const { onProblem } = options;
  const sign = options.newestFirst ? -1 : 1;
  let seq = 0;
  const blocks = readLineBlocks(file.path, {
    maxLineBytes: pool.maxLineBytes,
    ...(options.signal ? { signal: options.signal } : {}),
  });
  const ahead = Math.max(2, pool.threads * BLOCKS_AHEAD_PER_THREAD);
  const queue: AheadBlock[] = [];
  let out = 0;
  let readEnded = false;
  let readFailure: unknown = null;
  let stopped = false;
  let reading: Promise<void> | null = null;
  let wake: (() => void) | null = null;
  // The next blocks nobody has taken go out to the threads, in file order, up to the limit.
  const handOut = (): void => {
    for (const item of queue) {
      if (out >= pool.blocksOut || stopped) return;
      if (item.out !== null || item.decoded !== null) continue;
      out++;
      item.out = pool.decode(item.block);
      // A failure reaches the consumer through item.out (awaited when the block is the head).
      void item.out
        .then(
          (decoded) => (item.decoded = decoded),
          () => undefined,
        )
        .finally(() => {
          out--;
          handOut();
          wake?.();
        });
    }
  };
  const readAhead = (): void => {
    if (reading !== null || stopped || readEnded || queue.length >= ahead) return;
    reading = (async () => {
      try {
        while (!stopped && !readEnded && queue.length < ahead) {
          const next = await blocks.next();
          if (next.done === true) readEnded = true;
          else queue.push({ block: next.value, out: null, decoded: null });
          handOut();
          wake?.();
        }
      } catch (error) {
        // Everything read before the failure is decoded and handed on first.
        readFailure = error;
        readEnded = true;
      }
    })().finally(() => {
      reading = null;
      wake?.();
    });
  };
  try {
    for (;;) {
      readAhead();
      handOut();
      const head = queue[0];
      if (head === undefined) {
        if (readEnded) break;
        await new Promise<void>((resolve) => (wake = resolve));
        wake = null;
        continue;
      }
      if (head.decoded === null) {
        // Out on a thread: rather than wait, this thread decodes the next block nobody has taken
        // (on two cores, one decode thread alone left it idle half the time on search pages),
        // then lets the threads' answers (and reads, and requests) in before looking again.
        const spare =
          head.out === null ? head : queue.find((item) => item.out === null && item.decoded === null);
        if (spare !== undefined) {
          spare.decoded = pool.decodeHere(spare.block);
          await setImmediate();
        } else {
          await head.out;
        }
        continue;
      }
      queue.shift();
      readAhead();
      const { records, problems } = head.decoded;
      for (const found of problems) onProblem?.({ file: file.name, ...found });
      const batch = new Array<OrderedRecord>(records.length);
      for (let i = 0; i < records.length; i++) {
        const { tweet, profiles, line } = records[i]!;
        batch[i] = { tweet, profiles, fileIndex, line, tie: sign * seq++ };
      }
      options.onBytes?.(head.block.bytesRead);
      if (batch.length > 0) yield batch;
    }
  } finally {
    stopped = true;
    // A consumer that stops early (a pass cancelled) leaves blocks out: they finish unobserved.
    await reading;
    await blocks.return(undefined);
  }
  if (readFailure !== null) throw readFailure;
}
