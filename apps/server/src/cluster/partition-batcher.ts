// One partition's entries, in stream order, cut into the engine's batches: a batch closes when a
// later batch's record, a time mark or the end arrives. What closes is handed out as a flush (the
// batch's tweets, the entries to acknowledge with it, the new watermark), published atomically.
import type { Tweet } from '@hashpulse/tweets';
import { END_OF_STREAM, batchTimeOf } from './cluster-keys.js';
import type { StreamEntry } from './stream-entry.js';

/** What a partition has published: its watermark and the last entry number handled. */
export interface PartitionProgress {
  /** Every record of the partition with a time before this is in a published partial. */
  wm: number;
  seq: number;
}

export interface OpenBatch {
  time: number;
  tweets: Tweet[];
  /** Each tweet's position in the source (from its entry's offset), for the spelling order. */
  positions: number[];
}

export interface Flush {
  /** The closed batch, or null when only the watermark moves (time marks, bad entries). */
  batch: OpenBatch | null;
  /** Every entry handled since the previous flush: acknowledged with it. */
  ids: string[];
  wm: number;
  seq: number;
  /** Since the previous flush: entries trimmed away unread, records behind the watermark, entries that did not decode. */
  dropped: number;
  late: number;
  rejected: number;
  /** Why entries were rejected (the first ones), for the log. */
  reasons: string[];
}

export class PartitionBatcher {
  private open: OpenBatch | null = null;
  private ids: string[] = [];
  private wm: number;
  private seq: number;
  private dropped = 0;
  private late = 0;
  private rejected = 0;
  private reasons: string[] = [];

  constructor(
    private readonly batchIntervalMs: number,
    progress: PartitionProgress,
  ) {
    this.wm = progress.wm;
    this.seq = progress.seq;
  }

  /** True when nothing is held: the partition can be handed to another worker as it is. */
  get idle(): boolean {
    return this.open === null && this.ids.length === 0;
  }

  get ended(): boolean {
    return this.wm >= END_OF_STREAM;
  }

  /** Takes the next entry; returns what it closed (at most one batch and its watermark). */
  handle(entry: StreamEntry): Flush | null {
    // Handled before (acknowledged in the same script as its partial): nothing to add again.
    if (entry.seq !== null && entry.seq <= this.seq) {
      this.ids.push(entry.id);
      return null;
    }
    // A record of a later batch closes the open one first, without itself: the flush's entry
    // number and counts then stop before it, so a worker resuming from them handles it again.
    let flush: Flush | null = null;
    if (entry.kind === 'record' && entry.time >= this.wm && this.open !== null) {
      const time = batchTimeOf(entry.time, this.batchIntervalMs);
      if (time > this.open.time) flush = this.close(time - this.batchIntervalMs);
    }
    this.ids.push(entry.id);
    if (entry.seq !== null) {
      if (entry.seq > this.seq + 1) this.dropped += entry.seq - this.seq - 1;
      this.seq = entry.seq;
    }
    switch (entry.kind) {
      case 'bad':
        this.rejected++;
        if (this.reasons.length < 3) this.reasons.push(entry.reason);
        return flush;
      case 'record': {
        const time = batchTimeOf(entry.time, this.batchIntervalMs);
        if (entry.time < this.wm || (this.open !== null && time < this.open.time)) {
          this.late++;
          return flush;
        }
        this.open ??= { time, tweets: [], positions: [] };
        this.open.tweets.push(entry.tweet);
        this.open.positions.push(sourcePosition(entry.offset));
        return flush;
      }
      case 'profiles':
        // Joined into the store by the worker as it reads them; acknowledged with the next flush.
        return flush;
      case 'mark':
        if (entry.time <= this.wm || (this.open !== null && this.open.time > entry.time)) return null;
        return this.close(entry.time);
      case 'end':
        return this.close(END_OF_STREAM);
    }
  }

  private close(wm: number): Flush {
    const flush: Flush = {
      batch: this.open,
      ids: this.ids,
      wm: Math.max(this.wm, wm),
      seq: this.seq,
      dropped: this.dropped,
      late: this.late,
      rejected: this.rejected,
      reasons: this.reasons,
    };
    this.open = null;
    this.ids = [];
    this.wm = flush.wm;
    this.dropped = this.late = this.rejected = 0;
    this.reasons = [];
    return flush;
  }
}

/** The ingest's offset `pass:position` as one number that orders records as the source did. */
export function sourcePosition(offset: string): number {
  const [pass, position] = offset.split(':').map(Number);
  return Number.isFinite(pass) && Number.isFinite(position) ? pass! * 1e12 + position! : 0;
}
