// What a replay is configured with, and the checkpoint offset it resumes from: their shapes and
// the checks that refuse a bad speed or a checkpoint of another replay.
import type { SourceOffset } from '@hashpulse/engine';
import { ReplayConfigError, ReplayOffsetError } from './errors.js';
import type { OrderedReaderOptions } from './ordered-reader.js';
import type { PlaybackClock, TimeSource, WallTimer } from './playback-clock.js';

export type ReplaySpeed = number | 'max';

export interface ReplaySourceOptions {
  /** Unique within the engine context. Default "replay". */
  name?: string;
  /** Only files under it can be played. */
  dataDir: string;
  /** Names relative to the data directory. */
  files: readonly string[];
  /** 1, 10, 100... (on `clock`) or 'max'. */
  speed: ReplaySpeed;
  loop?: boolean;
  /** Required for numeric speeds: the engine context's replay clock. */
  clock?: PlaybackClock;
  /** For 'max': the context's manual clock, so a replay onto a running clock continues after it. */
  timeSource?: TimeSource;
  /** Recording time between the last record of a pass and the first of the next. Default 1000. */
  loopGapMs?: number;
  /** Minimum wall time between progress events. Default 250 (at most 4 a second). */
  progressIntervalMs?: number;
  /**
   * 'max' mode: awaited after every `drainEvery` records so the engine can catch up before more
   * arrive (wire it to the context's `whenIdle()`). Without it the source only yields the event loop.
   */
  drain?: () => Promise<void>;
  /** Records between drains / event-loop yields. Default 1000. */
  drainEvery?: number;
  /** Wall time; tests pass a virtual one. */
  wall?: WallTimer;
  /** Recording time without tweets longer than this passes at once, at any speed. Default 60,000. */
  gapMs?: number;
  /**
   * 'max' mode: awaited when the last pass ends (not looping), before the source ends, so the
   * engine closes the last batch and every window holding a tweet (wire it to the context's
   * `advanceToLastWindow()`); a virtual clock does not move by itself.
   */
  finish?: () => Promise<void>;
  /** How many tweet ids a pass remembers to drop duplicates. Default 100,000. */
  recentIds?: number;
  /** Options for the ordered reader (temp directory, sort chunk size, decoder, streaming; default streams). */
  reader?: Pick<OrderedReaderOptions, 'tempDir' | 'runRecords' | 'decode' | 'stream'>;
}

/** The checkpoint offset: where in which pass the replay was, and the pass's time shift. */
export interface ReplayOffset {
  files: string[];
  pass: number;
  position: number;
  shiftMs: number;
}

export function checkSpeed(speed: ReplaySpeed): ReplaySpeed {
  if (speed === 'max') return speed;
  if (typeof speed !== 'number' || !Number.isFinite(speed) || speed <= 0) {
    throw new ReplayConfigError(
      `replay speed ${String(speed)} must be a positive number (1 = real time, 10, 100) or "max"`,
    );
  }
  return speed;
}

/** Reads a checkpoint offset back; ReplayOffsetError unless it is this replay's (same files). */
export function parseReplayOffset(offset: SourceOffset, files: readonly string[]): ReplayOffset {
  const value = offset as Partial<ReplayOffset> | null;
  const valid =
    value !== null &&
    typeof value === 'object' &&
    Array.isArray(value.files) &&
    Number.isInteger(value.pass) &&
    Number.isInteger(value.position) &&
    typeof value.shiftMs === 'number';
  if (!valid) {
    throw new ReplayOffsetError(
      `checkpoint offset ${JSON.stringify(offset)} is not a replay offset: delete the checkpoint to start over`,
    );
  }
  const saved = value.files as string[];
  if (saved.length !== files.length || saved.some((file, i) => file !== files[i])) {
    throw new ReplayOffsetError(
      `the checkpoint was taken replaying ${saved.join(', ')}, not ${files.join(', ')}: replay the same files or delete the checkpoint`,
    );
  }
  return { files: saved, pass: value.pass!, position: value.position!, shiftMs: value.shiftMs! };
}
