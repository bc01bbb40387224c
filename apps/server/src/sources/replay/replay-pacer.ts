// Backpressure for the replay: under a records-per-second limit, a timed replay slows its clock
// and a 'max' replay spaces its records in wall time. Lifting the limit restores the chosen speed.
import { ReplayConfigError } from './errors.js';
import type { ReplaySpeed } from './replay-options.js';
import type { PlaybackClock, WallTimer } from './playback-clock.js';

/** Records sampled to estimate the recording's own rate, for rate limits at timed speeds. */
const RATE_SAMPLE = 256;
/** A rate-limited replay clock never runs slower than this (it would look stopped). */
const MIN_SPEED = 0.01;
/** Records between re-estimates of the clock speed while a limit holds. */
const SPEED_CHECK_EVERY = 32;

export class ReplayPacer {
  private limit: number | null = null;
  private nextSlot = 0;
  /** Recording times of the last records pushed, to estimate the recording's records per second. */
  private readonly recentTimes = new Float64Array(RATE_SAMPLE);
  private recentCount = 0;
  private sinceSpeedCheck = 0;
  /** The replay clock's speed now: `speed`, or lower while a rate limit holds (timed speeds). */
  effectiveSpeed: number;

  constructor(
    private speed: ReplaySpeed,
    private readonly clock: PlaybackClock | undefined,
    private readonly wall: WallTimer,
  ) {
    this.effectiveSpeed = speed === 'max' ? 1 : speed;
  }

  get rateLimit(): number | null {
    return this.limit;
  }

  setRateLimit(recordsPerSecond: number | null): void {
    if (recordsPerSecond !== null && !(Number.isFinite(recordsPerSecond) && recordsPerSecond > 0)) {
      throw new ReplayConfigError(
        `rate limit ${recordsPerSecond} must be a positive number of records per second, or null`,
      );
    }
    this.limit = recordsPerSecond;
    this.nextSlot = this.wall.now();
    this.adjustClockSpeed();
  }

  setSpeed(speed: ReplaySpeed): void {
    this.speed = speed;
    this.adjustClockSpeed();
  }

  /** A record was pushed at recording time `time`. */
  pushed(time: number): void {
    this.recentTimes[this.recentCount++ % RATE_SAMPLE] = time;
  }

  /** Called before each timed record: re-estimates the clock speed now and then under a limit. */
  beforeTimedRecord(): void {
    if (this.limit === null || ++this.sinceSpeedCheck < SPEED_CHECK_EVERY) return;
    this.sinceSpeedCheck = 0;
    this.adjustClockSpeed();
  }

  /**
   * 'max' mode: the wall time to wait before the next record may go, 0 when it may go now (its
   * slot is then taken). Records are spaced `1 / limit` seconds apart.
   */
  claimSlot(): number {
    const limit = this.limit;
    if (limit === null) return 0;
    const now = this.wall.now();
    if (this.nextSlot > now) return this.nextSlot - now;
    this.nextSlot = Math.max(this.nextSlot, now - 1000 / limit) + 1000 / limit;
    return 0;
  }

  /**
   * Timed speeds: the replay clock is slowed so that the recording's own rate (estimated from the
   * last records) times the clock speed stays within the limit. Slowing the clock, not just the
   * records, keeps every record on time and also slows the batch schedule, which is what a
   * falling-behind engine needs.
   */
  private adjustClockSpeed(): void {
    const clock = this.clock;
    if (this.speed === 'max' || !clock) return;
    let target = this.speed;
    if (this.limit !== null) {
      const recordsPerRecordingSecond = this.recordingRate();
      if (recordsPerRecordingSecond > 0) {
        target = Math.min(this.speed, Math.max(MIN_SPEED, this.limit / recordsPerRecordingSecond));
      }
    }
    if (target === this.effectiveSpeed) return;
    // Small corrections are not worth rebasing the clock for; restoring the chosen speed always is.
    if (target !== this.speed && Math.abs(target - this.effectiveSpeed) <= 0.02 * this.effectiveSpeed) return;
    this.effectiveSpeed = target;
    clock.setSpeed(target);
  }

  private recordingRate(): number {
    const n = Math.min(this.recentCount, RATE_SAMPLE);
    if (n < 2) return 0;
    const newest = this.recentTimes[(this.recentCount - 1) % RATE_SAMPLE]!;
    const oldest = this.recentTimes[(this.recentCount - n) % RATE_SAMPLE]!;
    // At least one second of span: recordings have whole-second timestamps.
    return ((n - 1) * 1000) / Math.max(1000, newest - oldest);
  }
}
