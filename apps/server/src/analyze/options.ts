// The analyser's flags, validated once into a typed configuration: durations as people write
// them (500ms, 10s, 5m, 1h) and the window rules shared with the engine and the dashboard.
import {
  formatDuration,
  parseDuration,
  windowConfigViolations,
  type WindowConfig,
} from '@hashpulse/protocol';
import type { AnalyzeFlags } from './default-flags.js';
import { AnalyzeOptionError } from './errors.js';

export { DEFAULT_FLAGS, type AnalyzeFlags } from './default-flags.js';

export interface AnalyzeSettings {
  window: WindowConfig;
  /** Refuse inputs whose span would give more windows than this. */
  maxWindows: number;
}

function duration(flag: string, text: string): number {
  try {
    return parseDuration(text);
  } catch (error) {
    throw new AnalyzeOptionError(`${flag}: ${(error as Error).message}`, { cause: error });
  }
}

export function analyzeSettings(flags: AnalyzeFlags): AnalyzeSettings {
  const window: WindowConfig = {
    batchIntervalMs: duration('--batch', flags.batch),
    windowLengthMs: duration('--window', flags.window),
    slideMs: duration('--slide', flags.slide),
  };
  const problems = windowConfigViolations(window);
  if (problems.length > 0) {
    const given = `--batch ${formatDuration(window.batchIntervalMs)} --window ${formatDuration(window.windowLengthMs)} --slide ${formatDuration(window.slideMs)}`;
    throw new AnalyzeOptionError(`invalid window (${given}): ${problems.join('; ')}`);
  }
  const maxWindows = Number(flags.maxWindows);
  if (!/^\d+$/.test(flags.maxWindows.trim()) || !Number.isSafeInteger(maxWindows) || maxWindows < 1) {
    throw new AnalyzeOptionError(`--max-windows ${flags.maxWindows}: write a whole number of at least 1`);
  }
  return { window, maxWindows };
}
