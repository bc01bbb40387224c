// The window form's presets (last 5 min, 1 h, 24 h, 7 days), each resolved against the protocol's
// window rules: a preset the rules refuse is offered disabled, with the rules it breaks as the reason.
import { windowConfigViolations, type WindowConfig } from '@hashpulse/protocol';

export interface WindowPreset {
  id: string;
  label: string;
  /**
   * Window length and slide: 60 to 170 points per window length, and whole minutes beyond an hour
   * and whole hours beyond a day, so history kept per minute or per hour can answer them.
   */
  windowLengthMs: number;
  slideMs: number;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export const WINDOW_PRESETS: readonly WindowPreset[] = [
  { id: '5m', label: 'Last 5 min', windowLengthMs: 5 * MINUTE, slideMs: 5000 },
  { id: '1h', label: '1 h', windowLengthMs: HOUR, slideMs: MINUTE },
  { id: '24h', label: '24 h', windowLengthMs: DAY, slideMs: 15 * MINUTE },
  { id: '7d', label: '7 days', windowLengthMs: 7 * DAY, slideMs: HOUR },
];

/**
 * Batch intervals a preset tries, finest first: the finest the rules accept keeps the feed and the
 * engine-health charts lively; coarser ones fit more window into the rules' batch budget.
 */
export const PRESET_BATCH_INTERVALS_MS: readonly number[] = [1000, 5000, 10_000, 30_000, MINUTE];

export type ResolvedPreset =
  | { preset: WindowPreset; config: WindowConfig; problems: [] }
  | { preset: WindowPreset; config: null; problems: string[] };

/**
 * The preset's full configuration with the finest batch interval the rules accept; when none is
 * accepted, the rules it breaks with the coarsest one (the batch interval that asks least of them).
 */
export function resolvePreset(preset: WindowPreset): ResolvedPreset {
  const { windowLengthMs, slideMs } = preset;
  let problems: string[] = [];
  for (const batchIntervalMs of PRESET_BATCH_INTERVALS_MS) {
    const config = { batchIntervalMs, windowLengthMs, slideMs };
    problems = windowConfigViolations(config);
    if (problems.length === 0) return { preset, config, problems: [] };
  }
  return { preset, config: null, problems };
}

/** The preset a configuration is, if any (same window and slide: the batch interval may differ). */
export function presetOf(
  config: WindowConfig | null,
  presets: readonly WindowPreset[] = WINDOW_PRESETS,
): WindowPreset | undefined {
  if (config === null) return undefined;
  return presets.find(
    (preset) => preset.windowLengthMs === config.windowLengthMs && preset.slideMs === config.slideMs,
  );
}
