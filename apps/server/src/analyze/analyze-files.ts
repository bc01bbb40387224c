// Runs the analytics job offline, as fast as possible, on the engine's manual clock: the files play
// merged in created_at order (arrival time = created_at, so results equal a real-time replay).
// Collects every window meeting the input's time span and the totals over the whole input. A gap
// that no window spans ends one engine run and starts the next (see segment-run.ts); the windows
// inside such a gap are empty by definition and are filled in without running batches through it.
import type { EngineWarning } from '@hashpulse/engine';
import { formatDuration, type SentimentScorerName, type WindowConfig } from '@hashpulse/protocol';
import { SpellingTracker } from '@hashpulse/tweets';
import type { LineReadError } from '../files/index.js';
import type { AnalysedTweet } from '../job/analysed-tweet.js';
import type { ProfileStore } from '../profiles/index.js';
import { DEFAULT_RECENT_IDS, RecentIds } from '../sources/live/recent-ids.js';
import {
  OrderedTweetReader,
  decodeTweetsOnly,
  type InputFile,
  type LineProblem,
} from '../sources/replay/index.js';
import { AnalysisIntegrityError, AnalysisTooLargeError } from './errors.js';
import { HeapBudget } from './heap-budget.js';
import { byCountThenTag, InputTotals } from './input-totals.js';
import type { AnalysisReport, WindowReport } from './report-schema.js';
import { isComplete, resolveWindow, type WindowChoice } from './auto-window.js';
import { SegmentRun, type CollectedWindow } from './segment-run.js';
import { windowEnds } from './window-ends.js';

export interface AnalyzeProgress {
  /**
   * 'reading': bytes of the files read (by the first pass, or by the analysis itself while a streamed
   * file's count is unknown); 'analysing': tweets through the job.
   */
  phase: 'reading' | 'analysing';
  done: number;
  total: number;
}

export interface AnalyzeFilesOptions {
  files: readonly InputFile[];
  /** What is left open is picked from the input's time span once the first pass knows it. */
  window: WindowChoice;
  /** The window picked, when the options left part of it open (before the job runs). */
  onWindowPicked?: (window: WindowConfig, windows: number) => void;
  profiles: ProfileStore;
  /** Refuse (before the job runs) an input whose span gives more windows than this. Default 100,000. */
  maxWindows?: number;
  /** The sentiment scorer (`--scorer`). Default: the learned model. */
  sentiment?: SentimentScorerName;
  /** Rejected lines, notices and decoder warnings, each once, with file and line. */
  onProblem?: (problem: LineProblem) => void;
  /** A file that could not be read to its end; what was read before is analysed. */
  onReadError?: (error: LineReadError) => void;
  /** Engine warnings (none are expected offline; reported if they happen). */
  onWarning?: (warning: EngineWarning) => void;
  onProgress?: (progress: AnalyzeProgress) => void;
  /** Where the ordered reader puts temporary sort runs. Default: the OS temp directory. */
  tempDir?: string;
  /**
   * A full garbage collection (`globalThis.gc`, which the `hashpulse` command's --expose-gc
   * exposes), to keep the heap near what the run holds (see heap-budget.ts). Default: none, V8's
   * own schedule.
   */
  collectGarbage?: () => void;
}

/** The report, the window it used, and the input's time span (created_at of the first and last tweet, epoch ms). */
export interface AnalysisResult {
  report: AnalysisReport;
  window: WindowConfig;
  first: number | null;
  last: number | null;
}

export const DEFAULT_MAX_WINDOWS = 100_000;

export async function analyzeFiles(options: AnalyzeFilesOptions): Promise<AnalysisResult> {
  const { onProgress } = options;
  // Files in time order are analysed as they are read (one decode per line); the span the window
  // is picked from comes from each file's two ends, so compressed files still get a first pass.
  const reader = await OrderedTweetReader.open(options.files, {
    ...(options.onProblem ? { onProblem: options.onProblem } : {}),
    ...(options.onReadError ? { onReadError: options.onReadError } : {}),
    ...(options.tempDir ? { tempDir: options.tempDir } : {}),
    onScanProgress: (done, total) => onProgress?.({ phase: 'reading', done, total }),
    stream: 'uncompressed-only',
    // The job stores only the profiles tweets carry for their own authors (storeRecordAuthors).
    decode: decodeTweetsOnly,
  });
  try {
    const first = await analyzeOnce(reader, options, null);
    // A file in order at its head but not further on played its late tweets late; the reader has
    // found them and sorts that file now: the analysis runs again, in order, as exact as promised.
    if (reader.outOfOrder === 0) return first;
    return await analyzeOnce(reader, options, first.window);
  } finally {
    await reader.close();
  }
}

async function analyzeOnce(
  reader: OrderedTweetReader,
  options: AnalyzeFilesOptions,
  picked: WindowConfig | null,
): Promise<AnalysisResult> {
  const first = reader.firstTime;
  const last = reader.lastTime;
  const window = isComplete(options.window)
    ? options.window
    : resolveWindow(options.window, first !== null && last !== null ? last - first : 0);
  if (!isComplete(options.window) && !sameWindow(window, picked)) {
    const count =
      first !== null && last !== null
        ? windowEnds(first, last, window.windowLengthMs, window.slideMs).count
        : 0;
    options.onWindowPicked?.(window, count);
  }
  if (first !== null && last !== null) {
    checkSize(first, last, window, options.maxWindows ?? DEFAULT_MAX_WINDOWS);
  }
  return await runJob(reader, { ...options, window });
}

function sameWindow(a: WindowConfig, b: WindowConfig | null): boolean {
  return (
    b !== null &&
    a.batchIntervalMs === b.batchIntervalMs &&
    a.windowLengthMs === b.windowLengthMs &&
    a.slideMs === b.slideMs
  );
}

function checkSize(first: number, last: number, window: WindowConfig, maxWindows: number): void {
  const { count } = windowEnds(first, last, window.windowLengthMs, window.slideMs);
  if (count <= maxWindows) return;
  const days = (last - first) / 86_400_000;
  const span =
    days >= 2
      ? `${days.toFixed(1)} days`
      : formatDuration(Math.max(1, Math.ceil((last - first) / 1000)) * 1000);
  throw new AnalysisTooLargeError(
    `the input spans ${span} (${new Date(first).toISOString()} to ${new Date(last).toISOString()}): ` +
      `with slide ${formatDuration(window.slideMs)} that is ${count.toLocaleString('en')} windows, more than ` +
      `--max-windows ${maxWindows}; pass a longer --slide (and --window), analyse files of one period at a time, ` +
      'or raise --max-windows',
  );
}

async function runJob(
  reader: OrderedTweetReader,
  options: AnalyzeFilesOptions & { window: WindowConfig },
): Promise<AnalysisResult> {
  const { window } = options;
  const totals = new InputTotals();
  // One tracker over every segment, fed by their jobs: each hashtag is shown in its most frequent
  // spelling over the whole input.
  const spellings = new SpellingTracker();
  const windows: CollectedWindow[] = [];
  const segmentOptions = {
    window,
    profiles: options.profiles,
    spellings,
    sentiment: options.sentiment ?? 'model',
    onBatch: (batch: readonly AnalysedTweet[]) => totals.add(batch),
    ...(options.onWarning ? { onWarning: options.onWarning } : {}),
  };
  // A tweet whose id came among the last DEFAULT_RECENT_IDS is dropped, as a replay of the same
  // files drops it: the same search recorded flat and as pages, or pages that overlap, would
  // otherwise count their tweets twice here and once on the dashboard.
  const recent = new RecentIds(DEFAULT_RECENT_IDS);
  let duplicates = 0;
  const heap = new HeapBudget({ collect: options.collectGarbage });
  let segment: SegmentRun | null = null;
  try {
    for await (const batch of reader.records()) {
      for (const { tweet } of batch) {
        if (recent.seenBefore(tweet.id)) {
          duplicates++;
          continue;
        }
        const previous = segment?.last ?? null;
        if (segment !== null && previous !== null && windowsApart(previous, tweet.createdAt, window)) {
          append(windows, await segment.finish());
          segment = null;
          append(windows, emptyWindowsBetween(previous, tweet.createdAt, window));
        }
        segment ??= await SegmentRun.start(segmentOptions);
        const pushing = segment.push(tweet);
        if (pushing !== undefined) await pushing;
      }
      heap.check();
      const progress = reader.progress();
      // A streamed file's count is known only at its end: until then, progress is in bytes.
      options.onProgress?.(
        reader.totalKnown
          ? { phase: 'analysing', done: progress.played, total: reader.total }
          : { phase: 'reading', done: progress.bytesRead, total: progress.totalBytes },
      );
    }
    if (segment !== null) append(windows, await segment.finish());
    segment = null;
  } finally {
    await segment?.abort();
  }

  if (totals.tweets + duplicates !== reader.total) {
    throw new AnalysisIntegrityError(
      `the files hold ${reader.total} tweets (${duplicates} of them repeats) but the job analysed ${totals.tweets}: report this as a bug`,
    );
  }
  checkWindowSequence(windows, totals, window);
  const display = (key: string) => spellings.display(key);
  const report: AnalysisReport = {
    tweets: totals.tweets,
    duplicates,
    rejected: reader.rejected,
    skipped: reader.notices,
    hashtags: totals.hashtags(display),
    sentiment: totals.sentimentSummary(),
    windows: windows.map((w) => windowReport(w, display)),
    join: { matched: totals.matched, missing: totals.missing },
  };
  return { report, window, first: totals.first, last: totals.last };
}

/** push(...items) would pass every window as an argument: too many for the stack on long inputs. */
function append<T>(to: T[], items: readonly T[]): void {
  for (const item of items) to.push(item);
}

/** No window holds both a tweet at `previous` and one at `next`: the stretches can run apart. */
function windowsApart(previous: number, next: number, window: WindowConfig): boolean {
  const { windowLengthMs: w, slideMs: s } = window;
  return windowEnds(next, next, w, s).first > windowEnds(previous, previous, w, s).last;
}

/** The windows strictly between the last one holding `previous` and the first holding `next`. */
function emptyWindowsBetween(previous: number, next: number, window: WindowConfig): CollectedWindow[] {
  const { windowLengthMs: w, slideMs: s } = window;
  const out: CollectedWindow[] = [];
  const last = windowEnds(next, next, w, s).first - s;
  for (let end = windowEnds(previous, previous, w, s).last + s; end <= last; end += s) {
    const sentiment = { positive: 0, neutral: 0, negative: 0, unscored: 0, mean: null };
    out.push({ start: end - w, end, tweets: 0, tags: [], sentiment });
  }
  return out;
}

/** The windows are exactly those meeting the input's span, in order (a guard on the stitching). */
function checkWindowSequence(
  windows: readonly CollectedWindow[],
  totals: InputTotals,
  window: WindowConfig,
): void {
  const expected =
    totals.first === null || totals.last === null
      ? { first: 0, last: -1, count: 0 }
      : windowEnds(totals.first, totals.last, window.windowLengthMs, window.slideMs);
  const wrong = windows.findIndex((w, i) => w.end !== expected.first + i * window.slideMs);
  if (windows.length !== expected.count || wrong !== -1) {
    throw new AnalysisIntegrityError(
      `the analysis holds ${windows.length} windows where the input's span gives ${expected.count}` +
        (wrong === -1 ? '' : ` (window ${wrong} ends ${new Date(windows[wrong]!.end).toISOString()})`) +
        ': report this as a bug',
    );
  }
}

function windowReport(window: CollectedWindow, display: (key: string) => string): WindowReport {
  return {
    start: new Date(window.start).toISOString(),
    end: new Date(window.end).toISOString(),
    tweets: window.tweets,
    hashtags: window.tags.map(([key, count]) => ({ tag: display(key), count })).sort(byCountThenTag),
    sentiment: window.sentiment,
  };
}
