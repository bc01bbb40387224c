// Decodes a recording file line by line into ordered records (tweets with their origin), and
// reports rejected lines, notices and decoder warnings with the file name and line number.
import { EventLoopTurns } from '@hashpulse/engine';
import { decodeLine, type DecodedLine } from '@hashpulse/tweets';
import { LineReadError, readLineBatches } from '../../files/index.js';
import type { SourceProblem } from '../tweet-source.js';
import type { InputFile } from './input-file.js';
import type { OrderedRecord } from './ordered-record.js';

export type Decoder = (line: string, lineNumber: number) => DecodedLine;

/** A problem line of a recording file: a SourceProblem that always names its file. */
export interface LineProblem extends SourceProblem {
  file: string;
}

export interface DecodeFileOptions {
  decode?: Decoder;
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
 * Recordings hold tweets from 1970 to 2199. A date far beyond (JavaScript dates reach +275760)
 * would only make a replay wait out, or an engine cross, centuries of empty time.
 */
const EARLIEST_CREATED_AT = 0;
const LATEST_CREATED_AT = Date.UTC(2200, 0, 1);

/** Why a tweet's created_at cannot be played, or null. */
export function createdAtProblem(createdAt: number): string | null {
  if (!Number.isFinite(createdAt)) return 'has no valid created_at time';
  if (createdAt < EARLIEST_CREATED_AT || createdAt >= LATEST_CREATED_AT) {
    return `has created_at ${new Date(createdAt).toISOString()}, outside 1970 to 2199: fix the record's date`;
  }
  return null;
}

/**
 * Yields the file's tweets in file order, in batches. A read failure part-way (a truncated gzip)
 * ends the stream after everything read, then throws the LineReadError for the caller to report.
 */
export async function* decodeFile(
  file: InputFile,
  fileIndex: number,
  options: DecodeFileOptions = {},
): AsyncGenerator<OrderedRecord[], void, undefined> {
  const decode = options.decode ?? decodeLine;
  const { onProblem } = options;
  const sign = options.newestFirst ? -1 : 1;
  let seq = 0;
  const turns = new EventLoopTurns(TURN_AFTER_MS);
  try {
    for await (const lines of readLineBatches(file.path, options.signal ? { signal: options.signal } : {})) {
      let batch: OrderedRecord[] = [];
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
        if (oversized) {
          onProblem?.({
            file: file.name,
            line: lineNumber,
            kind: 'rejected',
            message: 'line longer than 16 MiB, skipped',
          });
          continue;
        }
        // Blank lines (a trailing newline pair, a hand-edited file) carry nothing to report.
        if (text.trim() === '') continue;
        const decoded = decode(text, lineNumber);
        if (decoded.kind === 'tweets') {
          for (let i = 0; i < decoded.tweets.length; i++) {
            const tweet = decoded.tweets[i]!;
            const problem = createdAtProblem(tweet.createdAt);
            if (problem !== null) {
              onProblem?.({
                file: file.name,
                line: lineNumber,
                kind: 'rejected',
                message: `tweet ${tweet.id} ${problem}`,
              });
              continue;
            }
            batch.push({
              tweet,
              profiles: i === 0 ? decoded.profiles : [],
              fileIndex,
              line: lineNumber,
              tie: sign * seq++,
            });
          }
          for (const warning of decoded.warnings ?? []) {
            onProblem?.({ file: file.name, line: lineNumber, kind: 'warning', message: warning });
          }
        } else if (decoded.kind === 'notice') {
          onProblem?.({
            file: file.name,
            line: lineNumber,
            kind: 'notice',
            notice: decoded.notice,
            message: decoded.message,
          });
        } else {
          onProblem?.({ file: file.name, line: lineNumber, kind: 'rejected', message: decoded.reason });
        }
      }
      options.onBytes?.(lines.at(-1)?.bytesRead ?? 0);
      if (batch.length > 0) yield batch;
    }
  } catch (error) {
    if (error instanceof LineReadError) {
      throw new LineReadError(error.message.replace(file.path, file.name), file.name, error.linesRead, {
        cause: error.cause,
      });
    }
    throw error;
  }
}
