// The window configuration people set in the UI, flags or env, and the rules it must follow: the
// engine's window rules (one definition, @hashpulse/engine/window-rules) under the product's limits.
import {
  type History,
  answeringTier,
  historyForWindow,
  windowViolations,
} from '@hashpulse/engine/window-rules';
import { z } from 'zod';
import { DurationSchema, formatDuration } from './duration.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * The history the server and `analyze` keep, so any window up to 30 days answers at once: per-batch
 * partials for the last hour, per-minute roll-ups for a day, per-hour roll-ups for 30 days. A window
 * longer than a tier's horizon is answered from the next one, in whole buckets of it.
 */
export const HISTORY: History = Object.freeze({
  retentionMs: HOUR,
  rollups: Object.freeze([
    Object.freeze({ resolutionMs: 60_000, retentionMs: DAY }),
    Object.freeze({ resolutionMs: HOUR, retentionMs: 30 * DAY }),
  ]),
});

export const WINDOW_LIMITS = {
  minBatchIntervalMs: 100,
  maxBatchIntervalMs: 60_000,
  /** The longest window the history tiers answer at once. */
  maxWindowLengthMs: 30 * DAY,
  /** Keeps a window's batch count (and so memory per key) bounded, where it is made of batches. */
  maxBatchesPerWindow: 3_600,
} as const;

export interface WindowConfig {
  batchIntervalMs: number;
  windowLengthMs: number;
  slideMs: number;
}

/** Every rule the configuration breaks, each as a sentence naming the rule; empty when valid. */
export function windowConfigViolations(config: WindowConfig): string[] {
  const { batchIntervalMs: b, windowLengthMs: w } = config;
  const problems: string[] = [];
  const fmt = formatDuration;
  if (!(b >= WINDOW_LIMITS.minBatchIntervalMs && b <= WINDOW_LIMITS.maxBatchIntervalMs)) {
    problems.push(
      `batch interval ${fmt(b)} must be between ${fmt(WINDOW_LIMITS.minBatchIntervalMs)} and ${fmt(WINDOW_LIMITS.maxBatchIntervalMs)}`,
    );
  }
  // The product's longest window plays the engine's retention horizon, named as a plain duration.
  problems.push(...windowViolations(config, b, HISTORY, (max) => max));
  // Windows answered from roll-ups are made of at most a day's minutes or 30 days' hours.
  if (answeringTier(w, HISTORY) === 0 && w / b > WINDOW_LIMITS.maxBatchesPerWindow) {
    problems.push(
      `window length ${fmt(w)} must span at most ${WINDOW_LIMITS.maxBatchesPerWindow} batches of ${fmt(b)}`,
    );
  }
  return problems;
}

/**
 * The history an offline run (`hashpulse analyze`) keeps for its one, fixed window: per-batch
 * partials when the window holds at most maxBatchesPerWindow batches (exact, and bounded), else
 * only the roll-up tier of HISTORY that answers it.
 */
export function offlineHistory(config: WindowConfig): History {
  const { batchIntervalMs: b, windowLengthMs: w } = config;
  return w / b <= WINDOW_LIMITS.maxBatchesPerWindow
    ? { retentionMs: w, rollups: [] }
    : historyForWindow(w, b, HISTORY);
}

/**
 * The rules for an offline run's window: the engine's rules over offlineHistory, windows up to
 * 30 days, and batches of at least 100ms but no upper bound (nobody waits for a batch offline, and a
 * batch per slide keeps a year of input to a few hundred batches).
 */
export function offlineWindowViolations(config: WindowConfig): string[] {
  const { batchIntervalMs: b, windowLengthMs: w } = config;
  const fmt = formatDuration;
  const problems: string[] = [];
  if (!(Number.isInteger(b) && b >= WINDOW_LIMITS.minBatchIntervalMs)) {
    problems.push(`batch interval ${fmt(b)} must be at least ${fmt(WINDOW_LIMITS.minBatchIntervalMs)}`);
    return problems;
  }
  if (w > WINDOW_LIMITS.maxWindowLengthMs) {
    problems.push(`window length ${fmt(w)} must be at most ${fmt(WINDOW_LIMITS.maxWindowLengthMs)}`);
    return problems;
  }
  problems.push(...windowViolations(config, b, offlineHistory(config), (max) => max));
  return problems;
}

export const WindowConfigSchema = z
  .object({
    batchIntervalMs: z.number().int().positive(),
    windowLengthMs: z.number().int().positive(),
    slideMs: z.number().int().positive(),
  })
  .check((ctx) => {
    for (const message of windowConfigViolations(ctx.value)) {
      ctx.issues.push({ code: 'custom', message, input: ctx.value });
    }
  });

/** What a client sends to change the window: durations as text (`10s`) or milliseconds. */
export const WindowConfigRequestSchema = z
  .strictObject({
    batchInterval: DurationSchema,
    windowLength: DurationSchema,
    slide: DurationSchema,
  })
  .transform((request) => ({
    batchIntervalMs: request.batchInterval,
    windowLengthMs: request.windowLength,
    slideMs: request.slide,
  }))
  .pipe(WindowConfigSchema);
export type WindowConfigRequest = z.input<typeof WindowConfigRequestSchema>;
