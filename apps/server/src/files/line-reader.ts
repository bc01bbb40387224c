// Streams the lines of a .jsonl or .jsonl.gz file in bounded memory (cut by the shared
// LineSplitter), with line numbers and byte progress. Gzip is recognised by its magic bytes, so a
// compressed file works under any name. Files nobody vouched for (listing, kind detection) are read
// under ReadLimits: file bytes, delivered bytes and the decompression ratio are all bounded.
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { createGunzip } from 'node:zlib';
import { pipeline, type Readable } from 'node:stream';
import { LineReadError, ReadLimitError, type ReadLimit } from './errors.js';
import {
  DEFAULT_MAX_LINE_BYTES,
  LineSplitter,
  type LineBlock,
  type LineCallback,
  type LineEncoding,
} from './line-splitter.js';

/** One line of a file, without its line terminator (`\n` or `\r\n`). */
export interface FileLine {
  /** 1-based. */
  lineNumber: number;
  /** The line's text (utf8 encoding); empty for an oversized line (see `oversized`) and in bytes. */
  text: string;
  /** The line exceeded `maxLineBytes`; its bytes were skipped so memory stays bounded. */
  oversized: boolean;
  /** The bytes encoding: the line is bytes[start, end), a view of its read chunk; else null. */
  bytes: Buffer | null;
  start: number;
  end: number;
  /** Bytes of the file (compressed bytes for gzip) consumed when this line was delivered. */
  bytesRead: number;
}

export interface LineReaderOptions {
  /** Lines longer than this are skipped and delivered as `oversized`. Default 16 MiB. */
  maxLineBytes?: number;
  /** Read chunk size. Default 1 MiB. */
  chunkBytes?: number;
  /** Stops reading when aborted (the generator returns quietly). */
  signal?: AbortSignal;
  /** Bounds for an untrusted file; reaching one ends the lines with a ReadLimitError. */
  limits?: ReadLimits;
  /** How lines are handed on (readLineBatches): as UTF-8 text (default), or as their bytes. */
  encoding?: LineEncoding;
}

/** How much of a file may be read, for files nobody vouched for (listing, kind detection). */
export interface ReadLimits {
  /** Bytes of the file read at most (the compressed bytes of a gzip file); at least 1. */
  maxFileBytes: number;
  /** Bytes delivered at most (the decompressed bytes of a gzip file). */
  maxBytes: number;
  /**
   * Gzip only: decompressed bytes per file byte at most, judged once RATIO_GRACE_BYTES have come
   * out. Recordings compress about 10:1; a gzip of one repeated byte about 1000:1.
   */
  maxRatio: number;
}

/** Output a gzip file may produce before its decompression ratio is judged. */
export const RATIO_GRACE_BYTES = 2 ** 20;

const GZIP_MAGIC_0 = 0x1f;
const GZIP_MAGIC_1 = 0x8b;

/** Whether the file starts with the gzip magic bytes, and its size. */
async function fileHead(filePath: string): Promise<{ gzip: boolean; size: number }> {
  const handle = await open(filePath, 'r');
  try {
    const head = Buffer.alloc(2);
    const { bytesRead } = await handle.read(head, 0, 2, 0);
    const { size } = await handle.stat();
    return { gzip: bytesRead === 2 && head[0] === GZIP_MAGIC_0 && head[1] === GZIP_MAGIC_1, size };
  } finally {
    await handle.close();
  }
}

/** Whether the file starts with the gzip magic bytes. */
export async function isGzipFile(filePath: string): Promise<boolean> {
  return (await fileHead(filePath)).gzip;
}

const LIMIT_WORDS: Record<ReadLimit, string> = {
  'file-bytes': 'file bytes',
  bytes: 'bytes of content',
  ratio: 'decompression ratio',
};

/** Text of the unterminated line held when a limit stopped the read, kept for a look at its start. */
const REST_CHARS = 4096;

function limitError(
  filePath: string,
  limit: ReadLimit,
  limits: ReadLimits,
  fileBytesRead: number,
  delivered: number,
  splitter: LineSplitter,
): ReadLimitError {
  let rest = '';
  splitter.flush((text, _oversized, bytes, start, end) => {
    rest =
      bytes === null ? text.slice(0, REST_CHARS) : bytes.toString('utf8', start, end).slice(0, REST_CHARS);
  });
  const bound =
    limit === 'ratio'
      ? `${limits.maxRatio}:1 (it expands more than that: mostly blank or repeated bytes)`
      : `${limit === 'bytes' ? limits.maxBytes : limits.maxFileBytes}`;
  return new ReadLimitError(
    `${filePath}: reading stopped at the limit on ${LIMIT_WORDS[limit]}, ${bound}, after ${fileBytesRead} file bytes and ${delivered} bytes of content`,
    filePath,
    limit,
    fileBytesRead,
    delivered,
    rest,
  );
}

function describeFailure(error: unknown, gzip: boolean): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (gzip && (code === 'Z_BUF_ERROR' || code === 'Z_DATA_ERROR')) {
    return code === 'Z_BUF_ERROR'
      ? 'the gzip stream ends early (the file is truncated, e.g. a recording cut off mid-write)'
      : `the gzip data is corrupt (${(error as Error).message})`;
  }
  return (error as Error).message;
}

const WAKE_EVENTS = ['readable', 'error', 'end', 'close'] as const;

/**
 * The chunks of `stream`, taken with read() rather than its async iterator. When a stream fails (a
 * truncated gzip fails at its very end), the iterator throws at once and drops what the stream
 * still held, so a slow consumer (a replay feeding the engine) lost the last lines a fast one got.
 * Here every chunk produced before the failure comes first, then the error is thrown.
 */
async function* chunksOf(stream: Readable): AsyncGenerator<Buffer, void, undefined> {
  let failure: unknown = null;
  const onError = (error: unknown) => {
    failure ??= error;
  };
  stream.on('error', onError);
  try {
    for (;;) {
      const chunk = stream.read() as Buffer | null;
      if (chunk !== null) {
        yield chunk;
        continue;
      }
      const error = failure ?? stream.errored;
      if (error) throw error;
      // Ended, or destroyed without an error (an abort).
      if (stream.readableEnded || stream.destroyed) return;
      await new Promise<void>((resolve) => {
        const wake = () => {
          for (const event of WAKE_EVENTS) stream.off(event, wake);
          resolve();
        };
        for (const event of WAKE_EVENTS) stream.on(event, wake);
      });
    }
  } finally {
    stream.off('error', onError);
  }
}

/**
 * Yields the lines of `filePath` in batches (one batch per read chunk), which keeps per-line
 * overhead low on gigabyte files. On a read failure every complete line read so far, and the
 * partial last line, are yielded first; then a LineReadError says where reading stopped.
 */
export function readLineBatches(
  filePath: string,
  options: LineReaderOptions = {},
): AsyncGenerator<FileLine[], void, undefined> {
  return readCut(filePath, options, (splitter) => {
    let lineNumber = 0;
    const cut = (split: (line: LineCallback) => void, bytesRead: number): FileLine[] | null => {
      const batch: FileLine[] = [];
      split((text, oversized, bytes, start, end) => {
        batch.push({ lineNumber: ++lineNumber, text, oversized, bytes, start, end, bytesRead });
      });
      return batch.length === 0 ? null : batch;
    };
    return {
      push: (chunk, bytesRead) => cut((line) => splitter.push(chunk, line), bytesRead),
      flush: (bytesRead) => cut((line) => splitter.flush(line), bytesRead),
      lines: () => lineNumber,
    };
  });
}

/** Whole lines of a file as bytes, numbered, for a decode thread to cut (see LineBlock). */
export interface FileLineBlock extends LineBlock {
  /** 1-based number of the block's first line. */
  firstLine: number;
  lines: number;
  /** Bytes of the file (compressed bytes for gzip) consumed when this block was delivered. */
  bytesRead: number;
}

/**
 * As readLineBatches, but each read chunk's whole lines come as one block of bytes, not cut or
 * decoded: a decode thread does that (readLineBatches is the same split done here).
 */
export function readLineBlocks(
  filePath: string,
  options: LineReaderOptions = {},
): AsyncGenerator<FileLineBlock, void, undefined> {
  return readCut(filePath, options, (splitter) => {
    let lines = 0;
    const numbered = (block: LineBlock | null, bytesRead: number, last: boolean): FileLineBlock | null => {
      if (block === null) return null;
      let count = block.oversizedFirst ? 1 : 0;
      for (const part of block.parts)
        for (let at = part.indexOf(NEWLINE); at !== -1; at = part.indexOf(NEWLINE, at + 1)) count++;
      // The input's last line has no terminator.
      const end = block.parts.at(-1);
      if (last && end !== undefined && end[end.length - 1] !== NEWLINE) count++;
      const firstLine = lines + 1;
      lines += count;
      return { ...block, firstLine, lines: count, bytesRead };
    };
    return {
      push: (chunk, bytesRead, owned) => numbered(splitter.pushBlock(chunk, owned), bytesRead, false),
      flush: (bytesRead) => numbered(splitter.flushBlock(), bytesRead, true),
      lines: () => lines,
    };
  });
}

const NEWLINE = 0x0a;

/** How a read cuts its chunks: into batches of decoded lines, or into blocks of whole lines. */
interface Cutter<T> {
  /**
   * What the chunk completes, or null. `owned`: the chunk's memory is the reader's alone (a file
   * stream's read, not a slice of gunzip's output buffer), see LineSplitter.pushBlock.
   */
  push(chunk: Buffer, bytesRead: number, owned: boolean): T | null;
  /** The unterminated rest at the end of the input, or null. */
  flush(bytesRead: number): T | null;
  /** Lines delivered so far. */
  lines(): number;
}

/** The read both cuts share: gzip, limits, abort, and a failure after everything read before it. */
async function* readCut<T>(
  filePath: string,
  options: LineReaderOptions,
  cutterOf: (splitter: LineSplitter) => Cutter<T>,
): AsyncGenerator<T, void, undefined> {
  const maxLineBytes = options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
  const chunkBytes = options.chunkBytes ?? 2 ** 20;
  const { limits } = options;
  let head: { gzip: boolean; size: number };
  try {
    head = await fileHead(filePath);
  } catch (error) {
    throw new LineReadError(`cannot read ${filePath}: ${(error as Error).message}`, filePath, 0, {
      cause: error,
    });
  }
  const { gzip, size } = head;
  const file = createReadStream(filePath, {
    highWaterMark: chunkBytes,
    ...(limits ? { end: Math.max(1, limits.maxFileBytes) - 1 } : {}),
  });
  const gunzip = gzip ? createGunzip({ chunkSize: Math.min(chunkBytes, 2 ** 20) }) : null;
  const input: Readable = gunzip
    ? pipeline(file, gunzip, () => {
        // Errors reach the consumer through the gunzip stream's async iterator below.
      })
    : file;
  const onAbort = () => input.destroy();
  options.signal?.addEventListener('abort', onAbort, { once: true });
  // The read stopped at maxFileBytes of a longer file: a cut of ours, not the file's end.
  const cutShort = () => limits !== undefined && size > limits.maxFileBytes;

  let bytesRead = 0;
  let delivered = 0;
  const splitter = new LineSplitter(maxLineBytes, options.encoding);
  const cutter = cutterOf(splitter);

  try {
    for await (const received of chunksOf(input)) {
      if (options.signal?.aborted) return;
      bytesRead = file.bytesRead;
      let chunk = received;
      let reached: ReadLimit | null = null;
      if (limits) {
        if (delivered + chunk.length > limits.maxBytes) {
          chunk = chunk.subarray(0, Math.max(0, limits.maxBytes - delivered));
          reached = 'bytes';
        }
        delivered += chunk.length;
        // Judged on the compressed bytes gunzip consumed, not on what the file stream read ahead.
        const consumed = Math.max(1, gunzip?.bytesWritten ?? 0);
        if (gunzip && delivered >= RATIO_GRACE_BYTES && delivered > limits.maxRatio * consumed)
          reached ??= 'ratio';
      }
      const cut = cutter.push(chunk, bytesRead, gunzip === null);
      if (cut !== null) yield cut;
      // The unterminated rest is not a line: the file goes on past what we may read.
      if (reached !== null) throw limitError(filePath, reached, limits!, bytesRead, delivered, splitter);
    }
  } catch (error) {
    if (error instanceof ReadLimitError) throw error;
    if (options.signal?.aborted) return;
    bytesRead = file.bytesRead;
    // The gzip stream "ends early" because we stopped feeding it: a limit, not a truncated file.
    const endedEarly = (error as NodeJS.ErrnoException).code === 'Z_BUF_ERROR';
    if (gzip && endedEarly && cutShort() && bytesRead >= limits!.maxFileBytes) {
      throw limitError(filePath, 'file-bytes', limits!, bytesRead, delivered, splitter);
    }
    const tail = cutter.flush(bytesRead);
    if (tail !== null) yield tail;
    throw new LineReadError(
      `${filePath}: ${describeFailure(error, gzip)}; stopped after line ${cutter.lines()} (${bytesRead} bytes read), the lines before were read`,
      filePath,
      cutter.lines(),
      { cause: error },
    );
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
    input.destroy();
    file.destroy();
  }
  if (options.signal?.aborted) return;
  bytesRead = file.bytesRead;
  if (cutShort()) throw limitError(filePath, 'file-bytes', limits!, bytesRead, delivered, splitter);
  const tail = cutter.flush(bytesRead);
  if (tail !== null) yield tail;
}

/** The lines of `filePath` one by one; see readLineBatches. */
export async function* readLines(
  filePath: string,
  options: LineReaderOptions = {},
): AsyncGenerator<FileLine, void, undefined> {
  for await (const batch of readLineBatches(filePath, options)) yield* batch;
}
