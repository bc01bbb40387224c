// Durations are written `500ms`, `10s`, `5m`, `1h` everywhere a person types one (flags, env, UI).
import { z } from 'zod';
import { InvalidDurationError } from './errors.js';

const UNIT_MS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 } as const;
const DURATION_PATTERN = /^(\d+(?:\.\d+)?)(ms|s|m|h)$/;

/** Parses `500ms`, `10s`, `5m`, `1h` into milliseconds; throws InvalidDurationError otherwise. */
export function parseDuration(text: string): number {
  const match = DURATION_PATTERN.exec(text.trim());
  if (!match) {
    throw new InvalidDurationError(
      `"${text}" is not a duration: write a positive number followed by ms, s, m or h (e.g. 500ms, 10s, 5m, 1h)`,
    );
  }
  const ms = Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS];
  if (!Number.isInteger(ms) || ms <= 0) {
    throw new InvalidDurationError(`"${text}" must be a positive whole number of milliseconds`);
  }
  return ms;
}

/** Formats milliseconds in the largest unit that divides them: 90000 → "90s", 300000 → "5m". */
export function formatDuration(ms: number): string {
  if (ms > 0 && ms % UNIT_MS.h === 0) return `${ms / UNIT_MS.h}h`;
  if (ms > 0 && ms % UNIT_MS.m === 0) return `${ms / UNIT_MS.m}m`;
  if (ms > 0 && ms % UNIT_MS.s === 0) return `${ms / UNIT_MS.s}s`;
  return `${ms}ms`;
}

/** A duration given either as text (`10s`) or as a number of milliseconds; parses to ms. */
export const DurationSchema = z.union([z.number().int().positive(), z.string()]).transform((value, ctx) => {
  if (typeof value === 'number') return value;
  try {
    return parseDuration(value);
  } catch (error) {
    ctx.addIssue({ code: 'custom', message: (error as Error).message });
    return z.NEVER;
  }
});
