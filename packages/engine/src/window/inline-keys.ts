// The keys a packed partial keeps itself (CompactPartial's `inline`, for keysMostlyNew operators):
// string keys joined into two strings by character width, other keys as a list.

const NO_ENDS = new Int32Array(0);

/** A character that does not fit in one byte (V8 then stores the whole string two bytes a character). */
const WIDE_CHARACTER = /[\u0100-\uffff]/;

/**
 * The keys a packed partial keeps itself (keysMostlyNew): strings joined, with where each ends,
 * else (any key not a string) the list as given.
 *
 * Why joined: the drill-down's tag × author pairs are some 1,500 strings a batch, kept for an hour,
 * each an object the collector promoted and then marked at every full collection (the pairs were
 * 385 MB of the server's 1,036 MB promoted replaying 3M generated tweets). Joined, a batch's pairs
 * are one string; a key read back is a slice of it, made when read, and the minute roll-up sums them
 * where they lie (SlotSum). Joining also copies each pair out of the string the job concatenated,
 * which would otherwise hold the tweet's own author id. Replaying 3M generated tweets the server
 * then promoted 902 MB against 1,043; four rounds side by side (1M and 3M, `DECODE_THREADS=0`):
 * 0.94-0.99× the CPU, peak RSS 10-47 MiB lower.
 *
 * Why two strings: V8 keeps a string one byte a character only when every character fits in one
 * byte, so one pair with a Japanese or emoji hashtag made the whole batch's joined string two bytes
 * a character. In the generated streams every batch had such a pair (2.7% of pairs), and the joined
 * pairs were 72 MB of the server's heap after 1M tweets. Keys that fit in one byte are joined in
 * `narrow` and the rest in `wide`.
 */
export class InlineKeys<K> {
  private constructor(
    /** The string keys whose characters all fit in one byte, one after another; null when the keys are kept as a list. */
    readonly narrow: string | null,
    /** The other string keys, one after another. */
    readonly wide: string,
    /**
     * Where each key ends in its string: in `narrow` as is, in `wide` as ~end (so negative). A key
     * starts where the one before it in the same string ends.
     */
    readonly ends: Int32Array,
    private readonly list: readonly K[] | null,
    /**
     * Each joined key's hashOfRange, when its maker had them (PairCounts): the minute roll-up's sum
     * reads them instead of hashing the keys again, and the window then drops them (dropHashes), so
     * an hour of partials does not keep them.
     */
    private hashes: Int32Array | null = null,
  ) {}

  /** Keys already joined (see the constructor's members), with each key's hashOfRange. */
  static joinedWith<K>(narrow: string, wide: string, ends: Int32Array, hashes: Int32Array): InlineKeys<K> {
    return new InlineKeys<K>(narrow, wide, ends, null, hashes);
  }

  static of<K>(keys: readonly K[]): InlineKeys<K> {
    if (!keys.every((key) => typeof key === 'string')) return new InlineKeys<K>(null, '', NO_ENDS, keys);
    const ends = new Int32Array(keys.length);
    const narrow: string[] = [];
    const wide: string[] = [];
    let narrowEnd = 0;
    let wideEnd = 0;
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i] as string;
      if (WIDE_CHARACTER.test(key)) {
        wide.push(key);
        ends[i] = ~(wideEnd += key.length);
      } else {
        narrow.push(key);
        ends[i] = narrowEnd += key.length;
      }
    }
    return new InlineKeys<K>(narrow.join(''), wide.join(''), ends, null);
  }

  get size(): number {
    return this.list !== null ? this.list.length : this.ends.length;
  }

  /** Whether the keys are strings, kept joined (else a list). */
  get joined(): boolean {
    return this.list === null;
  }

  /** Whether the i-th joined key is in `wide` (else in `narrow`). */
  inWide(i: number): boolean {
    return this.ends[i]! < 0;
  }

  /** The string holding the i-th joined key. */
  textOf(i: number): string {
    return this.inWide(i) ? this.wide : this.narrow!;
  }

  /** Where the i-th joined key ends in textOf(i). */
  end(i: number): number {
    const end = this.ends[i]!;
    return end >= 0 ? end : ~end;
  }

  /** Where the i-th joined key starts in textOf(i): where the one before it in that string ends. */
  start(i: number): number {
    const wide = this.inWide(i);
    for (let j = i - 1; j >= 0; j--) if (this.inWide(j) === wide) return this.end(j);
    return 0;
  }

  /** The joined keys' hashes, if its maker gave them and they were not dropped yet. */
  get keyHashes(): Int32Array | null {
    return this.hashes;
  }

  /** Lets the hashes go: read once, by the roll-up the partial entered on arrival. */
  dropHashes(): void {
    this.hashes = null;
  }

  keyAt(i: number): K {
    return this.list !== null ? this.list[i]! : (this.textOf(i).slice(this.start(i), this.end(i)) as K);
  }
}
