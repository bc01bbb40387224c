// The ids of the most recent tweets, to drop the ones X delivers again after a reconnect or a recording
// holds twice (the live stream, each replay pass and `analyze`).
//
// First in, first out: asking about an id does not make it recent again, so this is a set with a
// ring of insertion order rather than an LRU. Written by hand rather than a Set<string> beside the
// ring, for the replay at `max`, which asks about every record: tweet ids are decimal strings of up
// to 19 digits, kept here as two numbers in typed arrays with an open-addressing table over them,
// so a lookup hashes a few digits instead of probing a 100k-entry Set through string objects, and
// the 100k remembered ids are no 100k strings for the collector to trace. Replaying 299,735
// generated tweets at `max`, Set<string> took 346 ms of the server's main thread (`--cpu-prof`,
// self time, 2.6%). Any other id (not canonical digits) goes in a Set of its own, in the same ring.

/** murmur3's 32-bit finaliser. */
function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/** Ids of at most this many digits are held as numbers: the part above the last 9 stays below 1e10. */
const MAX_DIGITS = 19;
const LOW_DIGITS = 9;
const TWO_32 = 2 ** 32;
const FIRST_RING = 1024;

/** How many ids the live stream, each replay pass and `analyze` remember. */
export const DEFAULT_RECENT_IDS = 100_000;

export class RecentIds {
  /** Per ring position, for a numeric id: the digits before the last nine, and the last nine. */
  private high = new Float64Array(0);
  private low = new Int32Array(0);
  private hashes = new Int32Array(0);
  /** Per ring position: the id when it is not numeric (then `other` holds it), else undefined. */
  private text: Array<string | undefined> = [];
  private readonly other = new Set<string>();
  /** Ring positions in use (≤ capacity); `next` is the oldest once the ring is full. */
  private used = 0;
  private next = 0;
  /** Open addressing, linear probing: ring position + 1 of a numeric id, 0 empty. */
  private table = new Int32Array(0);
  private mask = 0;
  /** Set by parse(): the id's two parts and hash. */
  private parsedHigh = 0;
  private parsedLow = 0;
  private parsedHash = 0;

  /** `capacity`: how many ids to remember; older ones are forgotten first. */
  constructor(private readonly capacity: number) {
    if (!Number.isSafeInteger(capacity) || capacity < 1)
      throw new RangeError(`recent ids: capacity must be a positive integer, got ${capacity}`);
    this.grow(Math.min(capacity, FIRST_RING));
  }

  /** True when `id` was seen before; otherwise remembers it and returns false. */
  seenBefore(id: string): boolean {
    const numeric = this.parse(id);
    if (numeric ? this.position() >= 0 : this.other.has(id)) return true;
    let at: number;
    if (this.used < this.capacity) {
      if (this.used === this.high.length) this.grow(Math.min(this.capacity, this.used * 2));
      at = this.used++;
    } else {
      at = this.next;
      this.next = this.next + 1 === this.capacity ? 0 : this.next + 1;
      this.forget(at);
    }
    if (numeric) {
      this.high[at] = this.parsedHigh;
      this.low[at] = this.parsedLow;
      this.hashes[at] = this.parsedHash;
      this.insert(at);
    } else {
      this.text[at] = id;
      this.other.add(id);
    }
    return false;
  }

  get size(): number {
    return this.used;
  }

  /**
   * Reads a canonical decimal id (1 to 19 digits, no leading zero, so distinct ids are distinct
   * numbers) into parsedHigh/parsedLow/parsedHash; false for any other string.
   */
  private parse(id: string): boolean {
    const n = id.length;
    if (n === 0 || n > MAX_DIGITS || (n > 1 && id.charCodeAt(0) === 48)) return false;
    let high = 0;
    let low = 0;
    const split = n - LOW_DIGITS;
    for (let i = 0; i < n; i++) {
      const digit = id.charCodeAt(i) - 48;
      if (digit < 0 || digit > 9) return false;
      if (i < split) high = high * 10 + digit;
      else low = low * 10 + digit;
    }
    this.parsedHigh = high;
    this.parsedLow = low;
    this.parsedHash = mix(low ^ Math.imul(high >>> 0, 0x9e3779b1) ^ Math.floor(high / TWO_32));
    return true;
  }

  /** The ring position of the parsed numeric id, or −1. */
  private position(): number {
    const { table, mask, high, low, parsedHigh, parsedLow } = this;
    for (let i = this.parsedHash & mask; ; i = (i + 1) & mask) {
      const entry = table[i]!;
      if (entry === 0) return -1;
      const at = entry - 1;
      if (low[at] === parsedLow && high[at] === parsedHigh) return at;
    }
  }

  private insert(at: number): void {
    const { table, mask } = this;
    let i = this.hashes[at]! & mask;
    while (table[i] !== 0) i = (i + 1) & mask;
    table[i] = at + 1;
  }

  /** Drops the id at ring position `at` from its set, before the position takes a new id. */
  private forget(at: number): void {
    const old = this.text[at];
    if (old !== undefined) {
      this.other.delete(old);
      this.text[at] = undefined;
      return;
    }
    const { table, mask, hashes } = this;
    let hole = hashes[at]! & mask;
    while (table[hole] !== at + 1) hole = (hole + 1) & mask;
    // Backward-shift deletion: move later entries of the probe run into the hole when their home
    // position does not lie cyclically in (hole, j], so every remaining id is still found.
    for (let j = (hole + 1) & mask; table[j] !== 0; j = (j + 1) & mask) {
      const home = hashes[table[j]! - 1]! & mask;
      const stays = hole <= j ? hole < home && home <= j : hole < home || home <= j;
      if (!stays) {
        table[hole] = table[j]!;
        hole = j;
      }
    }
    table[hole] = 0;
  }

  /** Ring arrays for `size` ids, and a table at most half full for them. */
  private grow(size: number): void {
    const high = new Float64Array(size);
    const low = new Int32Array(size);
    const hashes = new Int32Array(size);
    high.set(this.high);
    low.set(this.low);
    hashes.set(this.hashes);
    this.high = high;
    this.low = low;
    this.hashes = hashes;
    let tableSize = 16;
    while (tableSize < size * 2) tableSize *= 2;
    this.table = new Int32Array(tableSize);
    this.mask = tableSize - 1;
    for (let at = 0; at < this.used; at++) if (this.text[at] === undefined) this.insert(at);
  }
}
