// The window configuration people set in the UI, flags or env, and the rules it must follow: the
// engine's window rules (one definition, @hashpulse/engine/window-rules) under the product's limits.
import { windowViolations } from '@hashpulse/engine/window-rules';
import { z } from 'zod';
import { DurationSchema, formatDuration } from './duration.js';

export const WINDOW_LIMITS = {
  minBatchIntervalMs: 100,
  maxBatchIntervalMs: 60_000,
  /** The engine retains per-batch partials this long, so any window up to it answers at once. */
  maxWindowLengthMs: 3_600_000,
  /** Keeps a window's batch count (and so memory per key) bounded. */
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
  problems.push(...windowViolations(config, b, WINDOW_LIMITS.maxWindowLengthMs, (max) => max));
  if (w / b > WINDOW_LIMITS.maxBatchesPerWindow) {
    problems.push(
      `window length ${fmt(w)} must span at most ${WINDOW_LIMITS.maxBatchesPerWindow} batches of ${fmt(b)}`,
    );
  }
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
