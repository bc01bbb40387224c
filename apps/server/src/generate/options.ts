// The generator's options: defaults, validation and the default profiles path beside the output.
import { HashpulseError } from '../errors.js';

export class InvalidGenerateOptionError extends HashpulseError {
  override readonly name = 'InvalidGenerateOptionError';
  override readonly code = 'HP_ERR_SERVER_INVALID_GENERATE_OPTION';
}

/** `--out` names a file generate would not write: it writes JSON lines, plain or gzip. */
export class GenerateOutputError extends HashpulseError {
  override readonly name = 'GenerateOutputError';
  override readonly code = 'HP_ERR_SERVER_GENERATE_OUTPUT';
}

export interface StreamOptions {
  /** Length of the recording in minutes (may be fractional). */
  minutes: number;
  /** Mean tweets per second. */
  rate: number;
  /** Any 32-bit integer; the same seed and options give the same bytes. */
  seed: number;
  /** Time of the first second of the recording, epoch ms. */
  startMs: number;
}

export const DEFAULT_STREAM_OPTIONS: StreamOptions = {
  minutes: 10,
  rate: 20,
  seed: 1,
  startMs: Date.UTC(2024, 2, 1, 12, 0, 0),
};

/** Upper bounds that keep a typo (`--rate 2000000`) from filling the disk. */
const MAX_MINUTES = 7 * 24 * 60;
const MAX_RATE = 100_000;

/** Checks options given as numbers; throws InvalidGenerateOptionError naming the option. */
export function validateStreamOptions(options: StreamOptions): StreamOptions {
  const { minutes, rate, seed, startMs } = options;
  if (!Number.isFinite(minutes) || minutes <= 0 || minutes > MAX_MINUTES) {
    throw new InvalidGenerateOptionError(
      `--minutes must be a number of minutes above 0 and at most ${MAX_MINUTES}, got ${minutes}`,
    );
  }
  if (!Number.isFinite(rate) || rate <= 0 || rate > MAX_RATE) {
    throw new InvalidGenerateOptionError(
      `--rate must be tweets per second above 0 and at most ${MAX_RATE}, got ${rate}`,
    );
  }
  if (!Number.isSafeInteger(seed) || seed < 0 || seed > 0xffffffff) {
    throw new InvalidGenerateOptionError(`--seed must be a whole number from 0 to 4294967295, got ${seed}`);
  }
  if (!Number.isFinite(startMs)) {
    throw new InvalidGenerateOptionError('--start must be an ISO 8601 time such as 2024-03-01T12:00:00Z');
  }
  return options;
}

function parseNumber(flag: string, text: string): number {
  if (!/^\s*\d+(\.\d+)?\s*$/.test(text)) {
    throw new InvalidGenerateOptionError(`${flag} must be a positive number, got "${text}"`);
  }
  return Number(text);
}

/** Parses the CLI's text flags into validated options. */
export function parseStreamFlags(flags: {
  minutes?: string;
  rate?: string;
  seed?: string;
  start?: string;
}): StreamOptions {
  const options = { ...DEFAULT_STREAM_OPTIONS };
  if (flags.minutes !== undefined) options.minutes = parseNumber('--minutes', flags.minutes);
  if (flags.rate !== undefined) options.rate = parseNumber('--rate', flags.rate);
  if (flags.seed !== undefined) {
    if (!/^\s*\d+\s*$/.test(flags.seed)) {
      throw new InvalidGenerateOptionError(
        `--seed must be a whole number from 0 to 4294967295, got "${flags.seed}"`,
      );
    }
    options.seed = Number(flags.seed);
  }
  if (flags.start !== undefined) {
    // Only full ISO 8601 date-times: Date.parse alone accepts loose forms like "March 1".
    const iso = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?$/;
    const startMs = Date.parse(flags.start);
    if (!iso.test(flags.start) || !Number.isFinite(startMs)) {
      throw new InvalidGenerateOptionError(
        `--start must be an ISO 8601 time such as 2024-03-01T12:00:00Z, got "${flags.start}"`,
      );
    }
    options.startMs = startMs;
  }
  return validateStreamOptions(options);
}

/** `data/x.jsonl.gz` -> `data/x.users.jsonl`: the profiles file written beside a stream. */
export function defaultProfilesPath(out: string): string {
  const base = out.replace(/(\.jsonl\.gz|\.jsonl|\.json\.gz|\.json|\.gz)$/i, '');
  return `${base}.users.jsonl`;
}
