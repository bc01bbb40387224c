// Progress of a large analysis on stderr: a redrawn bar on a terminal, a plain line every few
// seconds otherwise (a log or a pipe never receives carriage returns or escape codes).
import type { AnalyzeProgress } from './analyze-files.js';

export interface ProgressOutput {
  isTTY?: boolean;
  write(text: string): unknown;
}

export interface ProgressLineOptions {
  /** Minimum time between redraws on a terminal. Default 100 ms. */
  ttyIntervalMs?: number;
  /** Minimum time between plain lines. Default 5 s (so short runs print none). */
  plainIntervalMs?: number;
  now?: () => number;
}

const BAR_WIDTH = 24;

function amount(progress: AnalyzeProgress): string {
  if (progress.phase === 'reading') {
    const mb = (bytes: number) => (bytes / 1_048_576).toFixed(1);
    return `${mb(progress.done)} of ${mb(progress.total)} MB read`;
  }
  return `${progress.done.toLocaleString('en')} of ${progress.total.toLocaleString('en')} tweets analysed`;
}

export class ProgressLine {
  private lastAt: number;
  private shown = false;
  private readonly tty: boolean;
  private readonly now: () => number;

  constructor(
    private readonly out: ProgressOutput,
    private readonly options: ProgressLineOptions = {},
  ) {
    this.tty = out.isTTY === true;
    this.now = options.now ?? (() => Date.now());
    this.lastAt = this.now();
  }

  readonly update = (progress: AnalyzeProgress): void => {
    const now = this.now();
    const interval = this.tty ? (this.options.ttyIntervalMs ?? 100) : (this.options.plainIntervalMs ?? 5000);
    if (now - this.lastAt < interval) return;
    this.lastAt = now;
    const fraction = progress.total > 0 ? Math.min(1, progress.done / progress.total) : 1;
    const percent = `${Math.floor(fraction * 100)}%`.padStart(4);
    if (this.tty) {
      const filled = Math.round(fraction * BAR_WIDTH);
      const bar = '█'.repeat(filled) + '░'.repeat(BAR_WIDTH - filled);
      this.out.write(`\r${progress.phase} ${bar} ${percent} ${amount(progress)}\x1b[K`);
      this.shown = true;
    } else {
      this.out.write(`${progress.phase}: ${percent.trim()} (${amount(progress)})\n`);
    }
  };

  /** Removes the bar from a terminal before other output (problems, the report). */
  clear(): void {
    if (!this.shown) return;
    this.out.write('\r\x1b[K');
    this.shown = false;
  }
}
