// Plays one or more recordings forward in created_at order, whatever order the files are in
// (search pages are newest-first), in bounded memory on files of any size.
//
// Design: a first pass decodes every file once, counts its tweets (the exact total for progress)
// and reports rejected lines and notices; a file already in ascending order becomes a run read
// straight from the file on each pass. Any other file gets an external merge sort: it is cut into
// chunks of `runRecords` tweets sorted in memory and written to temporary run files (the last one
// kept in memory when small). Every pass then k-way merges the runs. Memory is bounded by one
// chunk while sorting and by one read batch per run while playing.
//
// With `stream`, a file whose first tweets are in order plays at once, without the first pass (a
// gigabyte takes a minute to decode): its count, span and problems are learned by the first play
// itself, so each line is also decoded once instead of twice. Its end time is read from its last
// MiB up front. A tweet found out of order later plays late (the engine puts it in the open batch
// and counts it); the file is then sorted before any further pass, and `outOfOrder` says so.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { LineReadError } from '../../files/index.js';
import { decodeFile, type LineDecoding } from './decode-file.js';
import type { LineProblem } from './line-outcome.js';
import { readHead, readTailTime } from './file-ends.js';
import { FileScanner, type FileScan } from './file-scan.js';
import type { InputFile } from './input-file.js';
import { mergeSorted } from './merge-runs.js';
import type { OrderedRecord } from './ordered-record.js';
import { FileRun, MemoryRun, sortRecords, TempFileRun, type Run } from './runs.js';

export interface OrderedReaderOptions {
  /** Default: decodeLine from @hashpulse/tweets, on this thread; or a DecodePool. */
  decode?: LineDecoding;
  /** Rejected lines, notices and decoder warnings, each reported once (during the first pass). */
  onProblem?: (problem: LineProblem) => void;
  /** A file that could not be read to its end, and its tweets read before, which still play. */
  onReadError?: (error: LineReadError, tweetsRead: number) => void;
  /** Each tweet's created_at, once (during the first pass). */
  onTweetTime?: (time: number) => void;
  /** Bytes decoded by the first pass, for a progress line while it runs. */
  onScanProgress?: (bytesRead: number, totalBytes: number) => void;
  /** Where temporary sort runs go. Default: the OS temp directory. */
  tempDir?: string;
  /** Tweets per in-memory sort chunk (bounds memory while sorting). Default 20,000. */
  runRecords?: number;
  /** Cancels the first pass (open): it ends quietly where it was. Each pass of records() has its own. */
  signal?: AbortSignal;
  /**
   * Play files whose first tweets are in order without a first pass (see the header). 'uncompressed-
   * only' streams only files whose end time can be read up front, for a caller that needs the span
   * before playing (analyze picks its windows from it).
   */
  stream?: boolean | 'uncompressed-only';
}

export interface OrderedReadProgress {
  /** Records yielded in the current pass. */
  played: number;
  total: number;
  bytesRead: number;
  totalBytes: number;
}

const DEFAULT_RUN_RECORDS = 20_000;

export class OrderedTweetReader {
  private readonly runs: Run[] = [];
  private tempDir: string | null = null;
  private played = 0;
  private readonly runBytesRead: number[] = [];
  readonly scans: FileScan[] = [];
  /** Each file's end time read from its last MiB (streamed files only), by file index. */
  private readonly tailTimes: Array<number | null> = [];
  /** Files streamed without a first pass, until they turn out out of order and are sorted. */
  private readonly streamed = new Map<number, FileRun>();
  /** Tweets the in-memory sort runs may still hold (bounds memory with the on-disk runs). */
  private memoryBudget = 0;

  private constructor(
    readonly files: readonly InputFile[],
    private readonly options: OrderedReaderOptions,
  ) {}

  /** Runs the first pass over `files` and prepares the runs; rejects only if a file cannot be opened at all. */
  static async open(
    files: readonly InputFile[],
    options: OrderedReaderOptions = {},
  ): Promise<OrderedTweetReader> {
    const reader = new OrderedTweetReader(files, options);
    try {
      await reader.prepare();
    } catch (error) {
      await reader.close();
      throw error;
    }
    return reader;
  }

  /** Tweets in the files: exact once every scan is complete (see `totalKnown`), a lower bound before. */
  get total(): number {
    return this.scans.reduce((sum, scan) => sum + scan.tweets, 0);
  }

  /** Every file has been read to its end once (at open, or by the first play of a streamed file). */
  get totalKnown(): boolean {
    return this.scans.every((scan) => scan.complete);
  }

  /** The earliest tweet time known (a streamed file's first tweets are its earliest unless out of order). */
  get firstTime(): number | null {
    return this.extreme((scan) => scan.firstTime, Math.min);
  }

  /** The latest tweet time known: a streamed file's end time read up front, or the latest met so far. */
  get lastTime(): number | null {
    return this.extreme(
      (scan, i) => maxOf(scan.lastTime, scan.complete ? null : (this.tailTimes[i] ?? null)),
      Math.max,
    );
  }

  /**
   * The latest tweet time once every file's end is known (read to its end, or read up front), else
   * null: a streamed file's latest tweet met so far grows as the play reads on, so it bounds nothing.
   */
  get finalLastTime(): number | null {
    const known = this.scans.every((scan, i) => scan.complete || this.tailTimes[i] != null);
    return known ? this.lastTime : null;
  }

  /** Tweets of streamed files that came after a later one in the file, so played late. */
  get outOfOrder(): number {
    return this.scans.reduce((sum, scan) => sum + (scan.streamed ? scan.outOfOrder : 0), 0);
  }

  get rejected(): number {
    return this.scans.reduce((sum, scan) => sum + scan.rejected, 0);
  }

  get notices(): number {
    return this.scans.reduce((sum, scan) => sum + scan.notices, 0);
  }

  get totalBytes(): number {
    return this.runs.reduce((sum, run) => sum + run.bytes, 0);
  }

  progress(): OrderedReadProgress {
    return {
      played: this.played,
      total: this.total,
      bytesRead: this.runBytesRead.reduce((sum, bytes) => sum + bytes, 0),
      totalBytes: this.totalBytes,
    };
  }

  /**
   * One pass over all records in order, in batches; `skip` drops the first records (resuming from
   * a checkpoint), handing them to `onSkipped` (a consumer rebuilding what they left behind, as the
   * duplicate filter). Every call starts a fresh pass; temporary runs stay until close().
   */
  async *records(
    options: {
      skip?: number;
      signal?: AbortSignal;
      onSkipped?: (records: readonly OrderedRecord[]) => void;
    } = {},
  ): AsyncGenerator<OrderedRecord[]> {
    // A streamed file found out of order plays sorted from now on.
    await this.sortStreamedOutOfOrder();
    this.played = 0;
    this.runBytesRead.fill(0);
    // Not the open-time signal: cancelling a preparation must not end every later pass at once.
    const { signal } = options;
    const sources = this.runs.map((run, i) => run.batches(signal, (bytes) => (this.runBytesRead[i] = bytes)));
    let skip = options.skip ?? 0;
    for await (const batch of mergeSorted(sources)) {
      if (skip >= batch.length) {
        skip -= batch.length;
        this.played += batch.length;
        options.onSkipped?.(batch);
        continue;
      }
      if (skip > 0) options.onSkipped?.(batch.slice(0, skip));
      const out = skip > 0 ? batch.slice(skip) : batch;
      this.played += skip;
      skip = 0;
      // Counted before the consumer sees the batch, so progress() includes what it is handling.
      this.played += out.length;
      yield out;
    }
  }

  /**
   * Reads the streamed files to their ends if no pass has yet, so their count and order are settled
   * (a resume into a later pass must play them as that pass did: sorted if found out of order).
   */
  async finishScans(signal?: AbortSignal): Promise<void> {
    for (const run of this.streamed.values()) {
      if (run.scanner.scan.complete) continue;
      // The run's scanner counts what it reads; the records themselves are not needed.
      for await (const batch of run.batches(signal, () => {})) void batch;
    }
  }

  /** Deletes the temporary run files. */
  async close(): Promise<void> {
    if (this.tempDir !== null) {
      const dir = this.tempDir;
      this.tempDir = null;
      await rm(dir, { recursive: true, force: true });
    }
  }

  private async prepare(): Promise<void> {
    const totalBytes = this.files.reduce((sum, file) => sum + file.bytes, 0);
    let doneBytes = 0;
    this.memoryBudget = this.options.runRecords ?? DEFAULT_RUN_RECORDS;
    for (const [index, file] of this.files.entries()) {
      const scanner = this.scanner(file);
      this.scans.push(scanner.scan);
      this.tailTimes.push(null);
      if (await this.tryStream(file, index, scanner)) continue;
      await this.scanFile(file, index, scanner, (bytes) =>
        this.options.onScanProgress?.(doneBytes + bytes, totalBytes),
      );
      doneBytes += file.bytes;
      const { scan } = scanner;
      if (scan.tweets === 0) continue;
      if (scan.ascending) {
        this.runs.push(new FileRun(file, index, this.options.decode, scanner));
      } else {
        this.memoryBudget = await this.sortFile(file, index, scan, this.memoryBudget);
      }
    }
    this.runBytesRead.push(...this.runs.map(() => 0));
  }

  private scanner(file: InputFile): FileScanner {
    return new FileScanner(file.name, {
      onProblem: this.options.onProblem,
      onTweetTime: this.options.onTweetTime,
    });
  }

  /** Streams the file at once when allowed and its head is in order (see the header). */
  private async tryStream(file: InputFile, index: number, scanner: FileScanner): Promise<boolean> {
    const { stream, decode, signal } = this.options;
    if (!stream) return false;
    // Both looks decode here, not on a DecodePool: the pool reads and decodes megabytes ahead,
    // which a look at a thousand tweets throws away (a threaded replay of 300 MiB of search pages
    // took 1.0-1.1 s to its first batch with the head read on the pool, 0.8-0.9 s without).
    const here = typeof decode === 'function' ? decode : undefined;
    const tailTime = await readTailTime(file, here);
    if (tailTime === null && stream === 'uncompressed-only') return false;
    const head = await readHead(file, index, here, signal);
    if (!head.ascending || head.wholeFile) return false;
    // Known from the head until the play reads further: the first tweet, and the end read up front.
    scanner.scan.streamed = true;
    scanner.scan.firstTime = head.firstTime;
    scanner.scan.lastTime = head.lastTime;
    this.tailTimes[index] = tailTime;
    const run = new FileRun(file, index, decode, scanner, this.options.onReadError);
    this.runs.push(run);
    this.streamed.set(index, run);
    return true;
  }

  /** Sorts the streamed files the last pass found out of order (their scans are complete by then). */
  private async sortStreamedOutOfOrder(): Promise<void> {
    for (const [index, run] of [...this.streamed]) {
      const { scan } = run.scanner;
      if (!scan.complete || scan.ascending) continue;
      this.streamed.delete(index);
      this.runs.splice(this.runs.indexOf(run), 1);
      this.memoryBudget = await this.sortFile(this.files[index]!, index, scan, this.memoryBudget);
    }
    this.runBytesRead.length = 0;
    this.runBytesRead.push(...this.runs.map(() => 0));
  }

  private async scanFile(
    file: InputFile,
    index: number,
    scanner: FileScanner,
    onBytes: (bytes: number) => void,
  ): Promise<void> {
    try {
      for await (const batch of decodeFile(file, index, {
        ...(this.options.decode ? { decode: this.options.decode } : {}),
        ...(this.options.signal ? { signal: this.options.signal } : {}),
        onProblem: scanner.problem,
        onBytes,
      })) {
        scanner.records(batch);
      }
    } catch (error) {
      if (!(error instanceof LineReadError) || (scanner.scan.tweets === 0 && error.linesRead === 0))
        throw error;
      scanner.readFailed(error);
      this.options.onReadError?.(error, scanner.scan.tweets);
    }
    scanner.finish();
  }

  private extreme(
    time: (scan: FileScan, index: number) => number | null,
    pick: (a: number, b: number) => number,
  ): number | null {
    let result: number | null = null;
    for (const [i, scan] of this.scans.entries()) {
      const t = time(scan, i);
      if (t !== null) result = result === null ? t : pick(result, t);
    }
    return result;
  }

  /** External sort of one file into runs; returns the memory budget left for in-memory runs. */
  private async sortFile(
    file: InputFile,
    index: number,
    scan: FileScan,
    memoryBudget: number,
  ): Promise<number> {
    const chunkSize = this.options.runRecords ?? DEFAULT_RUN_RECORDS;
    let chunk: OrderedRecord[] = [];
    let written = 0;
    const flush = async () => {
      this.tempDir ??= await mkdtemp(path.join(this.options.tempDir ?? os.tmpdir(), 'hashpulse-replay-'));
      const runPath = path.join(this.tempDir, `run-${index}-${written++}.jsonl`);
      this.runs.push(await TempFileRun.write(runPath, sortRecords(chunk)));
      chunk = [];
    };
    try {
      for await (const batch of decodeFile(file, index, {
        ...(this.options.decode ? { decode: this.options.decode } : {}),
        ...(this.options.signal ? { signal: this.options.signal } : {}),
        newestFirst: scan.newestFirst,
      })) {
        for (const record of batch) {
          chunk.push(record);
          if (chunk.length >= chunkSize) await flush();
        }
      }
    } catch (error) {
      if (!(error instanceof LineReadError && scan.readError)) throw error;
    }
    if (chunk.length === 0) return memoryBudget;
    if (chunk.length <= memoryBudget) {
      this.runs.push(new MemoryRun(sortRecords(chunk), written === 0 ? file.bytes : 0));
      return memoryBudget - chunk.length;
    }
    await flush();
    return memoryBudget;
  }
}

function maxOf(a: number | null, b: number | null): number | null {
  return a === null ? b : b === null ? a : Math.max(a, b);
}
