// The keys a packed partial keeps itself (CompactPartial's `inline`, for keysMostlyNew operators):
// string keys joined into one string, other keys as a list.

const NO_ENDS = new Int32Array(0);

/**
 * The keys a packed partial keeps itself (keysMostlyNew): strings joined into one string, with
 * where each ends, else (any key not a string) the list as given.
 *
 * Why joined: the drill-down's tag × author pairs are some 1,500 strings a batch, kept for an hour,
 * each an object the collector promoted and then marked at every full collection (the pairs were
 * 385 MB of the server's 1,036 MB promoted replaying 3M generated tweets). Joined, a batch's pairs
 * are one string; a key read back is a slice of it, made when read, and the minute roll-up sums them
 * where they lie (SlotSum). Joining also copies each pair out of the string the job concatenated,
 * which would otherwise hold the tweet's own author id. Replaying 3M generated tweets the server
 * then promoted 902 MB against 1,043; four rounds side by side (1M and 3M, `DECODE_THREADS=0`):
 * 0.94-0.99× the CPU, peak RSS 10-47 MiB lower.
 */
export class InlineKeys<K> {
  private constructor(
    /** The string keys one after another, or null when the keys are kept as a list. */
    readonly joined: string | null,
    /** Where each key of `joined` ends (it starts where the one before ends). */
    readonly ends: Int32Array,
    private readonly list: readonly K[] | null,
  ) {}

  static of<K>(keys: readonly K[]): InlineKeys<K> {
    if (!keys.every((key) => typeof key === 'string')) return new InlineKeys<K>(null, NO_ENDS, keys);
    const ends = new Int32Array(keys.length);
    let end = 0;
    for (let i = 0; i < keys.length; i++) ends[i] = end += (keys[i] as string).length;
    return new InlineKeys<K>(keys.join(''), ends, null);
  }

  get size(): number {
    return this.list !== null ? this.list.length : this.ends.length;
  }

  /** Where the i-th joined key starts in `joined`. */
  start(i: number): number {
    return i === 0 ? 0 : this.ends[i - 1]!;
  }

  keyAt(i: number): K {
    return this.list !== null ? this.list[i]! : (this.joined!.slice(this.start(i), this.ends[i]) as K);
  }
}
