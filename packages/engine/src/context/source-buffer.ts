// Records a source pushed, bucketed by the batch they belong to, until their batch closes.
// Bounded: beyond `maxBuffered` records in flight (buffered or queued for processing) pushes are
// dropped and counted, so a source that cannot slow down never grows memory without limit (one
// that can pause is paused before that, and resumed once the buffer has drained to half).

class Bucket {
  readonly values: unknown[] = [];
  readonly times: number[] = [];
}

export class SourceBuffer {
  private buckets = new Map<number, Bucket>();
  // Most records go to the same batch as the previous one: skip the Map lookup then.
  private lastTime = Number.NaN;
  private lastBucket: Bucket | undefined;
  /** Records pushed and not yet processed (buffered here or in a queued batch). */
  inFlight = 0;
  /** Records of closed batches not yet processed. */
  queued = 0;
  /**
   * Whether records of still-open batches count toward the bound. Not on a ManualClock: there the
   * open batch closes only when later records arrive, so refusing them would stall an offline run.
   */
  boundOpenBatches = true;
  droppedSinceBatch = 0;
  droppedTotal = 0;
  lateSinceBatch = 0;
  lateTotal = 0;
  pushedTotal = 0;
  ended = false;
  warnedDropsAt = -1;
  /**
   * Set once the source awaits whenWritable(): it waits and pushes a refused record again, so its
   * refusals are not losses and are not counted as dropped.
   */
  waits = false;
  refusedTotal = 0;
  private writableWaiters: Array<() => void> = [];

  constructor(
    readonly name: string,
    readonly index: number,
    public maxBuffered: number,
  ) {}

  /** Adds a record to batch `batchTime`; false (and counted) when the bound is reached. */
  push(value: unknown, time: number, batchTime: number, late: boolean): boolean {
    if (!this.hasRoom()) {
      if (this.waits) {
        this.refusedTotal++;
      } else {
        this.droppedSinceBatch++;
        this.droppedTotal++;
      }
      return false;
    }
    let bucket = this.lastBucket;
    if (batchTime !== this.lastTime || bucket === undefined) {
      bucket = this.buckets.get(batchTime);
      if (bucket === undefined) {
        bucket = new Bucket();
        this.buckets.set(batchTime, bucket);
      }
      this.lastTime = batchTime;
      this.lastBucket = bucket;
    }
    bucket.values.push(value);
    bucket.times.push(time);
    this.inFlight++;
    this.pushedTotal++;
    if (late) {
      this.lateSinceBatch++;
      this.lateTotal++;
    }
    return true;
  }

  hasRoom(): boolean {
    return this.used() < this.maxBuffered;
  }

  /**
   * Whether a source paused because this buffer filled may resume: at most half full, so one batch
   * processed does not resume it only for the next push to pause it again.
   */
  drained(): boolean {
    return this.used() <= this.maxBuffered / 2;
  }

  /** The records the bound applies to. */
  private used(): number {
    return this.boundOpenBatches ? this.inFlight : this.queued;
  }

  /** A closed batch's records were processed (or dropped at stop). */
  release(count: number): void {
    this.inFlight -= count;
    this.queued -= count;
    this.wakeWriters();
  }

  /** Resolves when the buffer has room (see `wakeWriters`). */
  whenWritable(): Promise<void> {
    this.waits = true;
    if (this.hasRoom()) return Promise.resolve();
    return new Promise((resolve) => this.writableWaiters.push(resolve));
  }

  /** Wakes waiting writers when there is room, or unconditionally (`force`, on stop). */
  wakeWriters(force = false): void {
    if (this.writableWaiters.length === 0 || (!force && !this.hasRoom())) return;
    for (const wake of this.writableWaiters.splice(0)) wake();
  }

  /** Removes and returns the records of every batch with time ≤ `batchTime`, oldest batch first. */
  take(batchTime: number): unknown[] {
    const due: number[] = [];
    for (const time of this.buckets.keys()) if (time <= batchTime) due.push(time);
    if (due.length === 0) return [];
    if (due.length === 1) {
      const values = this.buckets.get(due[0]!)!.values;
      this.deleteBucket(due[0]!);
      this.queued += values.length;
      return values;
    }
    due.sort((a, b) => a - b);
    const values: unknown[] = [];
    for (const time of due) {
      for (const value of this.buckets.get(time)!.values) values.push(value);
      this.deleteBucket(time);
    }
    this.queued += values.length;
    return values;
  }

  /** Re-assigns every buffered record to a batch (after a batch interval change). */
  rebucket(batchTimeOf: (time: number) => number): void {
    const old = [...this.buckets.entries()].sort(([a], [b]) => a - b);
    this.buckets = new Map();
    this.lastBucket = undefined;
    this.lastTime = Number.NaN;
    for (const [, bucket] of old) {
      for (let i = 0; i < bucket.values.length; i++) {
        const time = bucket.times[i]!;
        const target = batchTimeOf(time);
        let next = this.buckets.get(target);
        if (!next) this.buckets.set(target, (next = new Bucket()));
        next.values.push(bucket.values[i]);
        next.times.push(time);
      }
    }
  }

  /** Every buffered record with its time and batch, for checkpoints. */
  pending(): Array<[batchTime: number, time: number, value: unknown]> {
    const out: Array<[number, number, unknown]> = [];
    for (const [batchTime, bucket] of [...this.buckets.entries()].sort(([a], [b]) => a - b)) {
      for (let i = 0; i < bucket.values.length; i++)
        out.push([batchTime, bucket.times[i]!, bucket.values[i]]);
    }
    return out;
  }

  /** Puts back records from a checkpoint (never refused: they were accepted before the crash). */
  restorePending(entries: ReadonlyArray<readonly [number, number, unknown]>): void {
    for (const [batchTime, time, value] of entries) {
      let bucket = this.buckets.get(batchTime);
      if (!bucket) this.buckets.set(batchTime, (bucket = new Bucket()));
      bucket.values.push(value);
      bucket.times.push(time);
      this.inFlight++;
    }
  }

  /** The earliest batch time holding records, or undefined. */
  earliestBatch(): number | undefined {
    let earliest: number | undefined;
    for (const time of this.buckets.keys()) if (earliest === undefined || time < earliest) earliest = time;
    return earliest;
  }

  private deleteBucket(time: number): void {
    this.buckets.delete(time);
    if (this.lastTime === time) {
      this.lastBucket = undefined;
      this.lastTime = Number.NaN;
    }
  }
}
