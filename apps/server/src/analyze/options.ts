// The analyser's flags, validated once into a typed configuration: durations as people write
// them (500ms, 10s, 5m, 1h, 7d) and the window rules shared with the engine and the dashboard.
import { SentimentScorerSchema, parseDuration, type SentimentScorerName } from '@hashpulse/protocol';
import { checkWindow, isComplete, type WindowChoice } from './auto-window.js';
import type { AnalyzeFlags } from './default-flags.js';
import { AnalyzeOptionError } from './errors.js';

export { DEFAULT_FLAGS, type AnalyzeFlags } from './default-flags.js';

export interface AnalyzeSettings {
  /** What the flags fixed; what they left open is picked from the input's span (resolveWindow). */
  window: WindowChoice;
  /** Refuse inputs whose span would give more windows than this. */
  maxWindows: number;
  /** The sentiment scorer the job labels tweets with. */
  sentiment: SentimentScorerName;
}

function duration(flag: string, text: string): number {
  try {
    return parseDuration(text);
  } catch (error) {
    throw new AnalyzeOptionError(`${flag}: ${(error as Error).message}`, { cause: error });
  }
}

export function analyzeSettings(flags: AnalyzeFlags): AnalyzeSettings {
  const window: WindowChoice = {
    batchIntervalMs: flags.batch === undefined ? undefined : duration('--batch', flags.batch),
    windowLengthMs: flags.window === undefined ? undefined : duration('--window', flags.window),
    slideMs: flags.slide === undefined ? undefined : duration('--slide', flags.slide),
  };
  // A window given in full is checked before any file is read.
  if (isComplete(window)) checkWindow(window);
  const maxWindows = Number(flags.maxWindows);
  if (!/^\d+$/.test(flags.maxWindows.trim()) || !Number.isSafeInteger(maxWindows) || maxWindows < 1) {
    throw new AnalyzeOptionError(`--max-windows ${flags.maxWindows}: write a whole number of at least 1`);
  }
  const scorer = SentimentScorerSchema.safeParse(flags.scorer.trim());
  if (!scorer.success) {
    throw new AnalyzeOptionError(
      `--scorer ${flags.scorer}: write one of ${SentimentScorerSchema.options.join(', ')}`,
    );
  }
  return { window, maxWindows, sentiment: scorer.data };
}
