// Runs the analytics job offline, as fast as possible, on the engine's manual clock: the files play
// merged in created_at order (arrival time = created_at, so results equal a real-time replay), then
// the clock advances to the last window. Collects every window meeting the input's time span and
// the totals over the whole input.
import { ManualClock, QueueSource, StreamingContext, type EngineWarning } from '@hashpulse/engine';
import { formatDuration, type WindowConfig, type WindowUpdate } from '@hashpulse/protocol';
import { hashtagKey, type Tweet } from '@hashpulse/tweets';
import type { LineReadError } from '../files';
import { AnalyticsJob } from '../job/analytics-job';
import type { ProfileStore } from '../profiles';
import { OrderedTweetReader, type InputFile, type LineProblem } from '../sources/replay';
import { AnalysisIntegrityError, AnalysisTooLargeError } from './errors';
import { byCountThenTag, InputTotals } from './input-totals';
import type { AnalysisReport, WindowReport } from './report-schema';
import { windowEnds } from './window-ends';

export interface AnalyzeProgress {
  /** 'reading': the first pass decodes every file (bytes); 'analysing': tweets through the job. */
  phase: 'reading' | 'analysing';
  done: number;
  total: number;
}

export interface AnalyzeFilesOptions {
  files: readonly InputFile[];
  window: WindowConfig;
  profiles: ProfileStore;
  /** Refuse (before the job runs) an input whose span gives more windows than this. Default 100,000. */
  maxWindows?: number;
  /** Rejected lines, notices and decoder warnings, each once, with file and line. */
  onProblem?: (problem: LineProblem) => void;
  /** A file that could not be read to its end; what was read before is analysed. */
  onReadError?: (error: LineReadError) => void;
  /** Engine warnings (none are expected offline; reported if they happen). */
  onWarning?: (warning: EngineWarning) => void;
  onProgress?: (progress: AnalyzeProgress) => void;
  /** Where the ordered reader puts temporary sort runs. Default: the OS temp directory. */
  tempDir?: string;
}

/** The report, and the input's time span (created_at of the first and last tweet, epoch ms). */
export interface AnalysisResult {
  report: AnalysisReport;
  first: number | null;
  last: number | null;
}

/** One emitted window, hashtags by key so the display spelling can be the final one. */
interface CollectedWindow {
  start: number;
  end: number;
  tweets: number;
  tags: Array<[key: string, count: number]>;
  sentiment: WindowUpdate['sentiment'];
}

export const DEFAULT_MAX_WINDOWS = 100_000;
/** Tweets pushed between waits for the engine, bounding what is queued (far below its 100,000 bound). */
const DRAIN_EVERY = 2_000;
/**
 * A gap in the input is crossed in steps of this many batches. One push far ahead would close every
 * batch of the gap at once, and the engine's batch queue (Array.shift per batch) turns a queue of
 * many thousand batches quadratic; small steps keep it short. Results are the same either way.
 */
const GAP_STEP_BATCHES = 500;

export async function analyzeFiles(options: AnalyzeFilesOptions): Promise<AnalysisResult> {
  const { onProgress } = options;
  const reader = await OrderedTweetReader.open(options.files, {
    ...(options.onProblem ? { onProblem: options.onProblem } : {}),
    ...(options.onReadError ? { onReadError: options.onReadError } : {}),
    ...(options.tempDir ? { tempDir: options.tempDir } : {}),
    onScanProgress: (done, total) => onProgress?.({ phase: 'reading', done, total }),
  });
  try {
    if (reader.firstTime !== null && reader.lastTime !== null) {
      checkSize(reader.firstTime, reader.lastTime, options.window, options.maxWindows ?? DEFAULT_MAX_WINDOWS);
    }
    return await runJob(reader, options);
  } finally {
    await reader.close();
  }
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

async function runJob(reader: OrderedTweetReader, options: AnalyzeFilesOptions): Promise<AnalysisResult> {
  const { window } = options;
  const clock = new ManualClock();
  // The job's stages run on the main thread: no worker threads are needed.
  const context = new StreamingContext({ batchIntervalMs: window.batchIntervalMs, clock, workers: 1 });
  const source = new QueueSource<Tweet>('analyze');
  const spec = context.windowSpec({ windowLengthMs: window.windowLengthMs, slideMs: window.slideMs });
  // No live feed and no drill-down history offline: only windows and per-batch tweets are read.
  const job = new AnalyticsJob({
    context,
    tweets: context.source(source),
    profiles: options.profiles,
    window: spec,
    feedPerBatch: 0,
    historyLength: 1,
  });
  const totals = new InputTotals();
  const collected: CollectedWindow[] = [];
  job.on('batch', (batch) => totals.add(batch));
  job.on('window', (update) => collected.push(collectWindow(update)));
  // The failure itself reaches us through whenIdle/advanceTo; the listener keeps the engine from
  // printing it a second time.
  context.addListener({ onError: () => {}, onWarning: (warning) => options.onWarning?.(warning) });

  await context.start();
  try {
    let sinceDrain = 0;
    const gapStep = window.batchIntervalMs * GAP_STEP_BATCHES;
    for await (const batch of reader.records()) {
      for (const { tweet } of batch) {
        if (clock.isStarted()) {
          // advanceTo(t) closes only batches ending at or before t; the tweet's batch ends after it.
          for (let t = clock.now() + gapStep; t < tweet.createdAt; t += gapStep) await clock.advanceTo(t);
        }
        if (!source.push(tweet, tweet.createdAt)) {
          await context.whenIdle(); // rejects with the engine's failure, if that is why
          throw new AnalysisIntegrityError(
            `the engine refused tweet ${tweet.id} (context ${context.state}); nothing was dropped on purpose: report this as a bug`,
          );
        }
        if (++sinceDrain >= DRAIN_EVERY) {
          sinceDrain = 0;
          await context.whenIdle();
        }
      }
      options.onProgress?.({ phase: 'analysing', done: reader.progress().played, total: reader.total });
    }
    await crossGapTo(lastWindowEnd(reader.lastTime, window), clock, gapStep);
    await context.advanceToLastWindow();
    await context.stop({ graceful: true });
    await context.awaitTermination();
  } finally {
    if (context.state !== 'stopped') await context.stop();
  }

  if (totals.tweets !== reader.total) {
    throw new AnalysisIntegrityError(
      `the files hold ${reader.total} tweets but the job analysed ${totals.tweets}: report this as a bug`,
    );
  }
  const display = (key: string) => job.spellings.display(key);
  const report: AnalysisReport = {
    tweets: totals.tweets,
    rejected: reader.rejected,
    skipped: reader.notices,
    hashtags: totals.hashtags(display),
    sentiment: totals.sentimentSummary(),
    windows: windowsOverSpan(collected, totals, window).map((w) => windowReport(w, display)),
    join: { matched: totals.matched, missing: totals.missing },
  };
  return { report, first: totals.first, last: totals.last };
}

/** The end of the last window holding a tweet created at `last`; null without tweets. */
function lastWindowEnd(last: number | null, window: WindowConfig): number | null {
  if (last === null) return null;
  return windowEnds(last, last, window.windowLengthMs, window.slideMs).last;
}

async function crossGapTo(end: number | null, clock: ManualClock, step: number): Promise<void> {
  if (end === null || !clock.isStarted()) return;
  for (let t = clock.now() + step; t < end; t += step) await clock.advanceTo(t);
}

function collectWindow(update: WindowUpdate): CollectedWindow {
  return {
    start: update.start,
    end: update.end,
    tweets: update.tweets,
    // The update shows each tag in its spelling so far; keep the key and show the final spelling.
    tags: update.hashtags.map((h): [string, number] => [hashtagKey(h.tag), h.count]),
    sentiment: update.sentiment,
  };
}

/** The emitted windows that meet the input's span, checked to be exactly the ones the rule gives. */
function windowsOverSpan(
  collected: CollectedWindow[],
  totals: InputTotals,
  window: WindowConfig,
): CollectedWindow[] {
  if (totals.first === null || totals.last === null) return [];
  const ends = windowEnds(totals.first, totals.last, window.windowLengthMs, window.slideMs);
  const byEnd = new Map(collected.map((w) => [w.end, w]));
  const out: CollectedWindow[] = [];
  for (let end = ends.first; end <= ends.last; end += window.slideMs) {
    const found = byEnd.get(end);
    if (found === undefined || found.start !== end - window.windowLengthMs) {
      throw new AnalysisIntegrityError(
        `the engine emitted no ${formatDuration(window.windowLengthMs)} window ending ${new Date(end).toISOString()}, ` +
          `though it meets the input (${new Date(totals.first).toISOString()} to ${new Date(totals.last).toISOString()}): report this as a bug`,
      );
    }
    out.push(found);
  }
  return out;
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
