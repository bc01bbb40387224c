// Remembers, for every hashtag key, how often each spelling was seen, so counts keyed by
// hashtagKey can be shown as people write them (#BlackLivesMatter rather than #blacklivesmatter),
// and when the key was last seen, so that a stream's tracker can forget tags long gone.
import { hashtagKey } from './hashtag-key.js';

/** Serialised form for checkpoints: [key, [[spelling, count], ...]][]. */
export type SpellingSnapshot = Array<[string, Array<[string, number]>]>;

/**
 * A key's spellings with their counts, the one shown (the most frequent) with its count, and when
 * the key was last seen (`add`'s `seenAt`; UNSTAMPED when never told). `counts` holds every
 * spelling in the order first seen, each with its count except the shown one, whose count is
 * `bestCount` (its entry is brought up to date by settle() before the map is read whole).
 */
interface KeySpellings {
  readonly counts: Map<string, number>;
  best: string;
  bestCount: number;
  seenAt: number;
}

/** Writes the shown spelling's count into `counts`, where add() leaves it behind. */
function settle(entry: KeySpellings): void {
  entry.counts.set(entry.best, entry.bestCount);
}

/** Never stamped: forgetUnseenSince keeps it. */
const UNSTAMPED = Number.POSITIVE_INFINITY;

export class SpellingTracker {
  // One entry per key holding its spellings, the shown one and when it was last seen: a key is
  // looked up once per sighting. With a map of spellings, a second of shown spellings and the
  // server job's third of last sightings, each sighting looked its key up three times among every
  // hashtag of the stream, and then the shown spelling's count (`analyze` of 1M generated tweets
  // spent 0.37-0.41 CPU s in the first two, `--cpu-prof`).
  private readonly keys = new Map<string, KeySpellings>();

  /**
   * Counts `count` (≥ 0) sightings of a spelling; returns its key. `key`: its hashtagKey when the
   * caller has it already (an analysed tweet carries each tag's key), so the tag is not folded
   * twice. `seenAt`: when, for forgetUnseenSince; a key never told when is never forgotten.
   */
  add(tag: string, count = 1, key = hashtagKey(tag), seenAt?: number): string {
    const entry = this.keys.get(key);
    if (entry === undefined) {
      this.keys.set(key, {
        counts: new Map([[tag, count]]),
        best: tag,
        bestCount: count,
        seenAt: seenAt ?? UNSTAMPED,
      });
      return key;
    }
    if (seenAt !== undefined) entry.seenAt = seenAt;
    // Most sightings are of the shown spelling, which stays shown: counted without a look in
    // `counts`. Its three Map lookups a sighting were 1.4% of the samples of `analyze` of 1M
    // generated tweets (`perf`, Map lookups under the job's per-batch step, about 0.2 CPU s).
    if (tag === entry.best) {
      entry.bestCount += count;
      return key;
    }
    const next = (entry.counts.get(tag) ?? 0) + count;
    entry.counts.set(tag, next);
    // Ties keep the spelling that reached the count first, so the display does not flicker.
    if (next > entry.bestCount) {
      settle(entry);
      entry.best = tag;
      entry.bestCount = next;
    }
    return key;
  }

  /** Takes back sightings (a window sliding past them); a key with none left is forgotten. */
  remove(tag: string, count = 1): void {
    const key = hashtagKey(tag);
    const entry = this.keys.get(key);
    if (entry === undefined) return;
    settle(entry);
    const current = entry.counts.get(tag);
    if (current === undefined) return;
    if (current > count) entry.counts.set(tag, current - count);
    else entry.counts.delete(tag);
    if (entry.counts.size === 0) {
      this.keys.delete(key);
      return;
    }
    if (entry.best !== tag) return;
    let top = tag;
    let topCount = -1;
    for (const [spelling, n] of entry.counts) {
      if (n > topCount) {
        top = spelling;
        topCount = n;
      }
    }
    entry.best = top;
    entry.bestCount = topCount;
  }

  /** The most frequent spelling of a key, or the key itself when it was never seen. */
  display(key: string): string {
    return this.keys.get(key)?.best ?? key;
  }

  /** Forgets the keys last seen before `time` (by `add`'s `seenAt`): the bound on an endless stream. */
  forgetUnseenSince(time: number): void {
    for (const [key, entry] of this.keys) if (entry.seenAt < time) this.keys.delete(key);
  }

  /** When each key was last seen, for those ever told (a checkpoint's; see stamp). */
  lastSeen(): Map<string, number> {
    const seen = new Map<string, number>();
    for (const [key, entry] of this.keys) if (entry.seenAt !== UNSTAMPED) seen.set(key, entry.seenAt);
    return seen;
  }

  /** Sets when a key was last seen (a checkpoint's lastSeen restored); a key not held is ignored. */
  stamp(key: string, seenAt: number): void {
    const entry = this.keys.get(key);
    if (entry !== undefined) entry.seenAt = seenAt;
  }

  /** Forgets a key entirely (e.g. one that left every window), bounding memory on endless streams. */
  forget(key: string): void {
    this.keys.delete(key);
  }

  get size(): number {
    return this.keys.size;
  }

  /** Each key's displayed spelling comes first, so fromJSON shows the same one after a tie. */
  toJSON(): SpellingSnapshot {
    return [...this.keys].map(([key, entry]) => {
      settle(entry);
      const { counts, best } = entry;
      const entries = [...counts];
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
