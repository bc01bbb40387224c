// Plays one or more recordings forward in created_at order, whatever order the files are in
// (search pages are newest-first), in bounded memory on files of any size.
//
// Design: a first pass decodes every file once, counts its tweets (the exact total for progress)
// and reports rejected lines and notices; a file already in ascending order becomes a run read
// straight from the file on each pass. Any other file gets an external merge sort: it is cut into
// chunks of `runRecords` tweets sorted in memory and written to temporary run files (the last one
// kept in memory when small). Every pass then k-way merges the runs. Memory is bounded by one
// chunk while sorting and by one read batch per run while playing.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { LineReadError } from '../../files/index.js';
import { decodeFile, type Decoder, type LineProblem } from './decode-file.js';
import type { InputFile } from './input-file.js';
import { mergeSorted } from './merge-runs.js';
import type { OrderedRecord } from './ordered-record.js';
import { FileRun, MemoryRun, sortRecords, TempFileRun, type Run } from './runs.js';

export interface OrderedReaderOptions {
  /** Default: decodeLine from @hashpulse/tweets. */
  decode?: Decoder;
  /** Rejected lines, notices and decoder warnings, each reported once (during the first pass). */
  onProblem?: (problem: LineProblem) => void;
  /** A file that could not be read to its end; what was read before still plays. */
  onReadError?: (error: LineReadError) => void;
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
}

export interface FileScan {
  name: string;
  tweets: number;
  firstTime: number | null;
  lastTime: number | null;
  /** Already in ascending created_at order: played straight from the file. */
  ascending: boolean;
  /** Mostly descending (a search recording): equal-second tweets are reversed too. */
  newestFirst: boolean;
  rejected: number;
  notices: number;
  warnings: number;
  readError: LineReadError | null;
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
  total = 0;
  firstTime: number | null = null;
  lastTime: number | null = null;

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
    let memoryBudget = this.options.runRecords ?? DEFAULT_RUN_RECORDS;
    for (const [index, file] of this.files.entries()) {
      const scan = await this.scanFile(file, index, (bytes) =>
        this.options.onScanProgress?.(doneBytes + bytes, totalBytes),
      );
      doneBytes += file.bytes;
      this.scans.push(scan);
      this.total += scan.tweets;
      if (scan.firstTime !== null && (this.firstTime === null || scan.firstTime < this.firstTime))
        this.firstTime = scan.firstTime;
      if (scan.lastTime !== null && (this.lastTime === null || scan.lastTime > this.lastTime))
        this.lastTime = scan.lastTime;
      if (scan.tweets === 0) continue;
      if (scan.ascending) {
        this.runs.push(new FileRun(file, index, this.options.decode, scan.readError));
      } else {
        memoryBudget = await this.sortFile(file, index, scan, memoryBudget);
      }
    }
    this.runBytesRead.push(...this.runs.map(() => 0));
  }

  private async scanFile(
    file: InputFile,
    index: number,
    onBytes: (bytes: number) => void,
  ): Promise<FileScan> {
    const scan: FileScan = {
      name: file.name,
      tweets: 0,
      firstTime: null,
      lastTime: null,
      ascending: true,
      newestFirst: false,
      rejected: 0,
      notices: 0,
      warnings: 0,
      readError: null,
    };
    let previous = Number.NEGATIVE_INFINITY;
    let ascents = 0;
    let descents = 0;
    const onProblem = (problem: LineProblem) => {
      if (problem.kind === 'rejected') scan.rejected++;
      else if (problem.kind === 'notice') scan.notices++;
      else scan.warnings++;
      this.options.onProblem?.(problem);
    };
    try {
      for await (const batch of decodeFile(file, index, {
        ...(this.options.decode ? { decode: this.options.decode } : {}),
        ...(this.options.signal ? { signal: this.options.signal } : {}),
        onProblem,
        onBytes,
      })) {
        for (const { tweet } of batch) {
          const time = tweet.createdAt;
          if (time < previous) descents++;
          else if (time > previous && scan.tweets > 0) ascents++;
          previous = time;
          if (scan.firstTime === null || time < scan.firstTime) scan.firstTime = time;
          if (scan.lastTime === null || time > scan.lastTime) scan.lastTime = time;
          scan.tweets++;
          this.options.onTweetTime?.(time);
        }
      }
    } catch (error) {
      if (!(error instanceof LineReadError) || (scan.tweets === 0 && error.linesRead === 0)) throw error;
      scan.readError = error;
      this.options.onReadError?.(error);
    }
    scan.ascending = descents === 0;
    scan.newestFirst = descents > ascents;
    return scan;
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
