// Sorted runs for the k-way merge: a recording already in created_at order is read straight from
// its file; any other is cut into chunks sorted in memory, kept in memory (small) or written to
// temporary JSONL run files, so memory never grows with the size of the recording.
import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import { LineReadError, readLineBatches } from '../../files/index.js';
import { decodeFile, type LineDecoding } from './decode-file.js';
import type { FileScanner } from './file-scan.js';
import type { InputFile } from './input-file.js';
import { compareRecords, type OrderedRecord } from './ordered-record.js';

/** A sequence of records in ascending order that can be read again for every pass. */
export interface Run {
  /** Bytes one pass over this run reads. */
  readonly bytes: number;
  /** Yields the records in order; `onBytes` gets the bytes read of this pass so far. */
  batches(
    signal: AbortSignal | undefined,
    onBytes: (bytesRead: number) => void,
  ): AsyncGenerator<OrderedRecord[]>;
}

const BATCH = 1024;
const RUN_READ_BYTES = 64 * 1024;

/**
 * A file in ascending created_at order, decoded again on every pass. A file streamed before its
 * scan is complete (see ordered-reader.ts) finishes the scan while it plays: its scanner sees each
 * line once, and a read error is reported when met rather than before the play.
 */
export class FileRun implements Run {
  constructor(
    private readonly file: InputFile,
    private readonly fileIndex: number,
    private readonly decode: LineDecoding | undefined,
    readonly scanner: FileScanner,
    private readonly onReadError?: (error: LineReadError, tweetsRead: number) => void,
  ) {}

  get bytes(): number {
    return this.file.bytes;
  }

  async *batches(
    signal: AbortSignal | undefined,
    onBytes: (bytesRead: number) => void,
  ): AsyncGenerator<OrderedRecord[]> {
    const { scanner } = this;
    const scanning = !scanner.scan.complete;
    if (scanning) scanner.beginPass();
    try {
      for await (const batch of decodeFile(this.file, this.fileIndex, {
        ...(this.decode ? { decode: this.decode } : {}),
        ...(signal ? { signal } : {}),
        ...(scanning ? { onProblem: scanner.problem } : {}),
        onBytes,
      })) {
        if (scanning) scanner.records(batch);
        yield batch;
      }
    } catch (error) {
      if (!(error instanceof LineReadError)) throw error;
      // Met before (by the first pass or an earlier play): the pass ends where the file does, quietly.
      if (scanner.scan.readError) return;
      scanner.readFailed(error);
      this.onReadError?.(error, scanner.scan.tweets);
    }
    // Read to the end, not stopped part-way (a stopped pass's generator is returned before this).
    if (scanning && !signal?.aborted) scanner.finish();
  }
}

/** A sorted chunk small enough to keep; its progress is reported as a share of the file's bytes. */
export class MemoryRun implements Run {
  constructor(
    private readonly records: OrderedRecord[],
    readonly bytes: number,
  ) {}

  async *batches(
    _signal: AbortSignal | undefined,
    onBytes: (bytesRead: number) => void,
  ): AsyncGenerator<OrderedRecord[]> {
    for (let i = 0; i < this.records.length; i += BATCH) {
      const batch = this.records.slice(i, i + BATCH);
      onBytes(Math.round((this.bytes * (i + batch.length)) / this.records.length));
      yield batch;
    }
  }
}

/** A sorted chunk written to a temporary JSONL file, one record per line. */
export class TempFileRun implements Run {
  private constructor(
    private readonly path: string,
    readonly bytes: number,
  ) {}

  static async write(path: string, sorted: OrderedRecord[]): Promise<TempFileRun> {
    const out = createWriteStream(path);
    let failure: Error | null = null;
    out.on('error', (error) => (failure ??= error));
    let bytes = 0;
    let buffer = '';
    for (const record of sorted) {
      buffer += JSON.stringify(record) + '\n';
      if (buffer.length >= 1 << 20) {
        bytes += Buffer.byteLength(buffer);
        if (!out.write(buffer)) await drainedOrClosed(out);
        buffer = '';
        if (failure) break;
      }
    }
    bytes += Buffer.byteLength(buffer);
    const closed = once(out, 'close');
    out.end(buffer);
    await closed.catch(() => undefined);
    if (failure) {
      throw new Error(
        `cannot write the temporary sort run ${path}: ${(failure as Error).message}; set a temp directory with space`,
        {
          cause: failure,
        },
      );
    }
    return new TempFileRun(path, bytes);
  }

  async *batches(
    signal: AbortSignal | undefined,
    onBytes: (bytesRead: number) => void,
  ): AsyncGenerator<OrderedRecord[]> {
    // Small reads: a merge holds one buffer per run, and a large file has many runs.
    for await (const lines of readLineBatches(this.path, {
      chunkBytes: RUN_READ_BYTES,
      ...(signal ? { signal } : {}),
    })) {
      yield lines.map((line) => JSON.parse(line.text) as OrderedRecord);
      onBytes(lines.at(-1)?.bytesRead ?? 0);
    }
  }
}

/**
 * Waits until `out` drains, or closes (a failed write closes it and no drain comes). The listener
 * that did not fire is removed: left behind, one per write, they piled up on a large sort
 * (MaxListenersExceededWarning). A write error is left to the stream's own error listener.
 */
async function drainedOrClosed(out: WriteStream): Promise<void> {
  const settled = new AbortController();
  const options = { signal: settled.signal };
  try {
    await Promise.race([once(out, 'drain', options), once(out, 'close', options)]);
  } catch {
    // the error listener recorded the failure; the caller checks it after this wait
  } finally {
    settled.abort();
  }
}

export function sortRecords(records: OrderedRecord[]): OrderedRecord[] {
  return records.sort(compareRecords);
}
