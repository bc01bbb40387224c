// Streams the lines of a .jsonl or .jsonl.gz file in bounded memory (cut by the shared
// LineSplitter), with line numbers and byte progress. Gzip is recognised by its magic bytes, so a
// compressed file works under any name.
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { createGunzip } from 'node:zlib';
import { pipeline, type Readable } from 'node:stream';
import { LineReadError } from './errors.js';
import { DEFAULT_MAX_LINE_BYTES, LineSplitter } from './line-splitter.js';

/** One line of a file, without its line terminator (`\n` or `\r\n`). */
export interface FileLine {
  /** 1-based. */
  lineNumber: number;
  /** The line's text; empty for an oversized line (see `oversized`). */
  text: string;
  /** The line exceeded `maxLineBytes`; its bytes were skipped so memory stays bounded. */
  oversized: boolean;
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
}

const GZIP_MAGIC_0 = 0x1f;
const GZIP_MAGIC_1 = 0x8b;

/** Whether the file starts with the gzip magic bytes. */
export async function isGzipFile(filePath: string): Promise<boolean> {
  const handle = await open(filePath, 'r');
  try {
    const head = Buffer.alloc(2);
    const { bytesRead } = await handle.read(head, 0, 2, 0);
    return bytesRead === 2 && head[0] === GZIP_MAGIC_0 && head[1] === GZIP_MAGIC_1;
  } finally {
    await handle.close();
  }
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

/**
 * Yields the lines of `filePath` in batches (one batch per read chunk), which keeps per-line
 * overhead low on gigabyte files. On a read failure every complete line read so far, and the
 * partial last line, are yielded first; then a LineReadError says where reading stopped.
 */
export async function* readLineBatches(
  filePath: string,
  options: LineReaderOptions = {},
): AsyncGenerator<FileLine[], void, undefined> {
  const maxLineBytes = options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
  const chunkBytes = options.chunkBytes ?? 2 ** 20;
  let gzip: boolean;
  try {
    gzip = await isGzipFile(filePath);
  } catch (error) {
    throw new LineReadError(`cannot read ${filePath}: ${(error as Error).message}`, filePath, 0, {
      cause: error,
    });
  }
  const file = createReadStream(filePath, { highWaterMark: chunkBytes });
  const input: Readable = gzip
    ? pipeline(file, createGunzip({ chunkSize: Math.min(chunkBytes, 2 ** 20) }), () => {
        // Errors reach the consumer through the gunzip stream's async iterator below.
      })
    : file;
  const onAbort = () => input.destroy();
  options.signal?.addEventListener('abort', onAbort, { once: true });

  let lineNumber = 0;
  let bytesRead = 0;
  const splitter = new LineSplitter(maxLineBytes);
  const into =
    (batch: FileLine[]) =>
    (text: string, oversized: boolean): void => {
      batch.push({ lineNumber: ++lineNumber, text, oversized, bytesRead });
    };

  try {
    for await (const chunk of input as AsyncIterable<Buffer>) {
      if (options.signal?.aborted) return;
      bytesRead = file.bytesRead;
      const batch: FileLine[] = [];
      splitter.push(chunk, into(batch));
      if (batch.length > 0) yield batch;
    }
  } catch (error) {
    if (options.signal?.aborted) return;
    bytesRead = file.bytesRead;
    const tail: FileLine[] = [];
    splitter.flush(into(tail));
    if (tail.length > 0) yield tail;
    throw new LineReadError(
      `${filePath}: ${describeFailure(error, gzip)}; stopped after line ${lineNumber} (${bytesRead} bytes read), the lines before were read`,
      filePath,
      lineNumber,
      { cause: error },
    );
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
    input.destroy();
    file.destroy();
  }
  if (options.signal?.aborted) return;
  bytesRead = file.bytesRead;
  const tail: FileLine[] = [];
  splitter.flush(into(tail));
  if (tail.length > 0) yield tail;
}

/** The lines of `filePath` one by one; see readLineBatches. */
export async function* readLines(
  filePath: string,
  options: LineReaderOptions = {},
): AsyncGenerator<FileLine, void, undefined> {
  for await (const batch of readLineBatches(filePath, options)) yield* batch;
}
