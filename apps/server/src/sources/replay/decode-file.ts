// Decodes a recording file line by line into ordered records (tweets with their origin), and
// reports rejected lines, notices and decoder warnings with the file name and line number. With a
// DecodePool the lines are cut, decoded and analysed on its threads (lineOutcome, the same rule),
// and this thread only numbers and hands on the records, in file order.
import { EventLoopTurns } from '@hashpulse/engine';
import { decodeLine, type Profile, type Tweet } from '@hashpulse/tweets';
import { LineReadError, readLineBatches, readLineBlocks } from '../../files/index.js';
import type { DecodedBlock, DecodePool } from './decode-pool.js';
import type { InputFile } from './input-file.js';
import { lineOutcome, type Decoder, type LineOutcomeProblem, type LineProblem } from './line-outcome.js';
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
  for await (const lines of readLineBatches(file.path, options.signal ? { signal: options.signal } : {})) {
    let decodedLines = 0;
    for (const { text, lineNumber, oversized } of lines) {
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
      line = lineNumber;
      lineOutcome(text, oversized, lineNumber, decode, onTweet, problem);
    }
    options.onBytes?.(lines.at(-1)?.bytesRead ?? 0);
    if (batch.length > 0) {
      yield batch;
      batch = [];
    }
  }
}

/** Blocks (about 1 MiB each) out on a pool's threads at once, per thread. */
const BLOCKS_AHEAD_PER_THREAD = 8;

/**
 * The pool's threads decode blocks of lines while this one reads ahead and plays: reading and
 * handing blocks out goes on while the consumer is busy (a replay waits for the engine after every
 * thousand tweets), and the records come back here in file order.
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
  const queue: Array<{ decoded: Promise<DecodedBlock>; bytesRead: number }> = [];
  let readEnded = false;
  let readFailure: unknown = null;
  let stopped = false;
  let reading: Promise<void> | null = null;
  let wake: (() => void) | null = null;
  const readAhead = (): void => {
    if (reading !== null || stopped || readEnded || queue.length >= ahead) return;
    reading = (async () => {
      try {
        while (!stopped && !readEnded && queue.length < ahead) {
          const next = await blocks.next();
          if (next.done === true) readEnded = true;
          else queue.push({ decoded: pool.decode(next.value), bytesRead: next.value.bytesRead });
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
      const head = queue.shift();
      if (head === undefined) {
        if (readEnded) break;
        await new Promise<void>((resolve) => (wake = resolve));
        wake = null;
        continue;
      }
      readAhead();
      const { records, problems } = await head.decoded;
      for (const found of problems) onProblem?.({ file: file.name, ...found });
      const batch = new Array<OrderedRecord>(records.length);
      for (let i = 0; i < records.length; i++) {
        const { tweet, profiles, line } = records[i]!;
        batch[i] = { tweet, profiles, fileIndex, line, tie: sign * seq++ };
      }
      options.onBytes?.(head.bytesRead);
      if (batch.length > 0) yield batch;
    }
  } finally {
    stopped = true;
    // A consumer that stops early (a pass cancelled) leaves blocks out: they finish unobserved.
    for (const { decoded } of queue) decoded.catch(() => undefined);
    await reading;
    await blocks.return(undefined);
  }
  if (readFailure !== null) throw readFailure;
}
