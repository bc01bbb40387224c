// Durations are written `500ms`, `10s`, `5m`, `1h`, `7d` everywhere a person types one (flags, env, UI),
// and shown in the engine's one format (formatDuration: the largest unit that divides them).
import { z } from 'zod';
import { InvalidDurationError } from './errors.js';

export { formatDuration } from '@hashpulse/engine/window-rules';

const UNIT_MS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
const DURATION_PATTERN = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)$/;

/** Parses `500ms`, `10s`, `5m`, `1h`, `7d` into milliseconds; throws InvalidDurationError otherwise. */
export function parseDuration(text: string): number {
  const match = DURATION_PATTERN.exec(text.trim());
  if (!match) {
    throw new InvalidDurationError(
      `"${text}" is not a duration: write a positive number followed by ms, s, m, h or d (e.g. 500ms, 10s, 5m, 1h, 7d)`,
    );
  }
  const ms = Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS];
  if (!Number.isInteger(ms) || ms <= 0) {
    throw new InvalidDurationError(`"${text}" must be a positive whole number of milliseconds`);
  }
  return ms;
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
