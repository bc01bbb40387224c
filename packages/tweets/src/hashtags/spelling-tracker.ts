// Remembers, for every hashtag key, how often each spelling was seen, so counts keyed by
// hashtagKey can be shown as people write them (#BlackLivesMatter rather than #blacklivesmatter).
import { hashtagKey } from './hashtag-key.js';

/** Serialised form for checkpoints: [key, [[spelling, count], ...]][]. */
export type SpellingSnapshot = Array<[string, Array<[string, number]>]>;

export class SpellingTracker {
  private readonly counts = new Map<string, Map<string, number>>();
  private readonly best = new Map<string, string>();

  /**
   * Counts `count` sightings of a spelling; returns its key. `key`: its hashtagKey when the caller
   * has it already (an analysed tweet carries each tag's key), so the tag is not folded twice.
   */
  add(tag: string, count = 1, key = hashtagKey(tag)): string {
    let spellings = this.counts.get(key);
    if (spellings === undefined) {
      spellings = new Map();
      this.counts.set(key, spellings);
    }
    const next = (spellings.get(tag) ?? 0) + count;
    spellings.set(tag, next);
    const best = this.best.get(key);
    // Ties keep the spelling that reached the count first, so the display does not flicker (the
    // leader seen again is never above its own count, so it stays).
    if (best === undefined || next > (spellings.get(best) ?? 0)) this.best.set(key, tag);
    return key;
  }

  /** Takes back sightings (a window sliding past them); a key with none left is forgotten. */
  remove(tag: string, count = 1): void {
    const key = hashtagKey(tag);
    const spellings = this.counts.get(key);
    const current = spellings?.get(tag);
    if (spellings === undefined || current === undefined) return;
    if (current > count) spellings.set(tag, current - count);
    else spellings.delete(tag);
    if (spellings.size === 0) {
      this.counts.delete(key);
      this.best.delete(key);
      return;
    }
    if (this.best.get(key) !== tag) return;
    let top: string | undefined;
    let topCount = -1;
    for (const [spelling, n] of spellings) {
      if (n > topCount) {
        top = spelling;
        topCount = n;
      }
    }
    if (top !== undefined) this.best.set(key, top);
  }

  /** The most frequent spelling of a key, or the key itself when it was never seen. */
  display(key: string): string {
    return this.best.get(key) ?? key;
  }

  /** Forgets a key entirely (e.g. one that left every window), bounding memory on endless streams. */
  forget(key: string): void {
    this.counts.delete(key);
    this.best.delete(key);
  }

  get size(): number {
    return this.counts.size;
  }

  /** Each key's displayed spelling comes first, so fromJSON shows the same one after a tie. */
  toJSON(): SpellingSnapshot {
    return [...this.counts].map(([key, spellings]) => {
      const best = this.best.get(key);
      const entries = [...spellings];
      const first = entries.findIndex(([spelling]) => spelling === best);
      // Stryker disable next-line ConditionalExpression,EqualityOperator: the displayed spelling is always an entry (first >= 0) and moving entry 0 to the front changes nothing
      if (first > 0) entries.unshift(...entries.splice(first, 1));
      return [key, entries];
    });
  }

  static fromJSON(snapshot: SpellingSnapshot): SpellingTracker {
    const tracker = new SpellingTracker();
    for (const [, spellings] of snapshot) {
      for (const [spelling, count] of spellings) tracker.add(spelling, count);
    }
    return tracker;
  }
}
