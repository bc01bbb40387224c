// What a reader learns of one recording file by reading it in file order: its tweet count, time
// span, order and problem lines. Fed by the first pass before playing, or by the playing pass itself
// for a file streamed at once (see ordered-reader.ts); either way each line counts once.
import type { LineReadError } from '../../files/index.js';
import type { LineProblem } from './line-outcome.js';
import type { OrderedRecord } from './ordered-record.js';

export interface FileScan {
  name: string;
  tweets: number;
  firstTime: number | null;
  lastTime: number | null;
  /** Every line has been read (a streamed file learns this at the end of its first full pass). */
  complete: boolean;
  /** Already in ascending created_at order: played straight from the file. */
  ascending: boolean;
  /** Mostly descending (a search recording): equal-second tweets are reversed too. */
  newestFirst: boolean;
  /** Played at once, without a first pass (see ordered-reader.ts): its tweets out of order played late. */
  streamed: boolean;
  /** Tweets older than one before them in the file (played late when the file was streamed). */
  outOfOrder: number;
  rejected: number;
  notices: number;
  warnings: number;
  readError: LineReadError | null;
}

export interface ScanListeners {
  onProblem?: ((problem: LineProblem) => void) | undefined;
  onTweetTime?: ((time: number) => void) | undefined;
}

/**
 * Accumulates a FileScan from records and problems met in file order. A pass cut short and begun
 * again (a restart) counts nothing twice: each pass ignores the lines an earlier one already
 * counted, for records and problems apart (a pass can stop between a line's problem and its records).
 */
export class FileScanner {
  readonly scan: FileScan;
  private recordsThrough = 0;
  private problemsThrough = 0;
  private recordsFloor = 0;
  private problemsFloor = 0;
  private previous = Number.NEGATIVE_INFINITY;
  private latest = Number.NEGATIVE_INFINITY;
  private ascents = 0;
  private descents = 0;

  constructor(
    name: string,
    private readonly listeners: ScanListeners,
  ) {
    this.scan = {
      name,
      tweets: 0,
      firstTime: null,
      lastTime: null,
      complete: false,
      ascending: true,
      newestFirst: false,
      streamed: false,
      outOfOrder: 0,
      rejected: 0,
      notices: 0,
      warnings: 0,
      readError: null,
    };
  }

  /** A pass over the file begins from its first line. */
  beginPass(): void {
    this.recordsFloor = this.recordsThrough;
    this.problemsFloor = this.problemsThrough;
  }

  readonly problem = (problem: LineProblem): void => {
    if (problem.line <= this.problemsFloor) return;
    this.problemsThrough = problem.line;
    if (problem.kind === 'rejected') this.scan.rejected++;
    else if (problem.kind === 'notice') this.scan.notices++;
    else this.scan.warnings++;
    this.listeners.onProblem?.(problem);
  };

  /** The records of one decoded batch, in file order. */
  records(batch: readonly OrderedRecord[]): void {
    const { scan } = this;
    for (const record of batch) {
      if (record.line <= this.recordsFloor) continue;
      this.recordsThrough = record.line;
      const time = record.tweet.createdAt;
      if (time < this.previous) this.descents++;
      else if (time > this.previous && scan.tweets > 0) this.ascents++;
      if (time < this.latest) scan.outOfOrder++;
      else this.latest = time;
      this.previous = time;
      if (scan.firstTime === null || time < scan.firstTime) scan.firstTime = time;
      if (scan.lastTime === null || time > scan.lastTime) scan.lastTime = time;
      scan.tweets++;
      this.listeners.onTweetTime?.(time);
    }
  }

  readFailed(error: LineReadError): void {
    this.scan.readError ??= error;
  }

  /** The file was read to its end (or to a read error, which ends it for good). */
  finish(): FileScan {
    this.scan.complete = true;
    this.scan.ascending = this.descents === 0;
    this.scan.newestFirst = this.descents > this.ascents;
    return this.scan;
  }
}
