// An open-addressing table of X's decimal ids by slot number, shared by the duplicate filter
// (RecentIds, a ring of slots) and the id-keyed map (IdMap, slots in first-come order).
//
// Why not Map<string>: tweet and user ids are strings of up to 19 digits, asked about on every
// record. A Map compares an id with the key string it holds, one more object to fetch per probe,
// and keeps that string alive for the collector; here an id is two numbers in typed arrays
// (the digits before the last nine, and the last nine), so a probe reads numbers beside each other.
// `analyze` of 1M generated tweets with 184k profiles (`--cpu-prof`, one run each): the profile
// store's lookups took 0.87 s of self time through a Map against 0.05 s through this, the batch
// analysis around them 4.32 s against 3.94 inclusive (some of the wait moved to where the profiles
// are first read).
import { mixHash } from '@hashpulse/engine';

/** Ids of at most this many digits are held as numbers: the part above the last 9 stays below 1e10. */
const MAX_DIGITS = 19;
const LOW_DIGITS = 9;
const TWO_32 = 2 ** 32;
/** findAll's answer for an id that is not canonical decimal digits. */
export const NOT_DECIMAL = -2;

export class DecimalIdTable {
  /** Per slot: the digits before the last nine, the last nine, and the id's hash. */
  private high = new Float64Array(0);
  private low = new Int32Array(0);
  private hashes = new Int32Array(0);
  /** Linear probing: slot + 1 per position, 0 empty; at most half full (never full: find() ends). */
  private table = new Int32Array(16);
  private mask = 15;
  /** Set by parse(): the id that find() and put() take. */
  private parsedHigh = 0;
  private parsedLow = 0;
  private parsedHash = 0;
  /** Scratch for findAll: each id's parts and hash. */
  private allHigh = new Float64Array(0);
  private allLow = new Int32Array(0);
  private allHash = new Int32Array(0);
  /** Loads done only to start cache misses early must feed something, or the JIT drops them. */
  private touched = 0;

  /** Slots the table has room for (resize makes more). */
  get slots(): number {
    return this.high.length;
  }

  /**
   * Reads a canonical decimal id (1 to 19 digits, no leading zero, so distinct ids are distinct
   * numbers) for find() and put(); false for any other string, which the caller keeps elsewhere.
   */
  parse(id: string): boolean {
    const n = id.length;
    if (n === 0 || n > MAX_DIGITS || (n > 1 && id.charCodeAt(0) === 48)) return false;
    let high = 0;
    let low = 0;
    const split = n - LOW_DIGITS;
    for (let i = 0; i < n; i++) {
      const digit = id.charCodeAt(i) - 48;
      if (digit < 0 || digit > 9) return false;
      // Stryker disable next-line EqualityOperator,ArithmeticOperator: equivalent; one digit more in `high`, or each part negated or read backwards, still gives distinct ids distinct numbers
      if (i < split) high = high * 10 + digit;
      // Stryker disable next-line ArithmeticOperator: equivalent, as above
      else low = low * 10 + digit;
    }
    this.parsedHigh = high;
    this.parsedLow = low;
    // Stryker disable next-line ArithmeticOperator: speed only; any hash of the two parts finds the same ids
    this.parsedHash = mixHash(low ^ Math.imul(high >>> 0, 0x9e3779b1) ^ Math.floor(high / TWO_32));
    return true;
  }

  /** The slot holding the parsed id, or −1. */
  find(): number {
    const { table, mask, high, low, parsedHigh, parsedLow } = this;
    for (let i = this.parsedHash & mask; ; i = (i + 1) & mask) {
      const entry = table[i]!;
      if (entry === 0) return -1;
      const at = entry - 1;
      if (low[at] === parsedLow && high[at] === parsedHigh) return at;
    }
  }

  /**
   * find() for each of ids[0, count) into `out`: its slot, −1 where the table does not hold it, or
   * NOT_DECIMAL where parse() refuses it (the caller keeps such ids elsewhere). A lookup is a chain
   * of cache misses (the probe position, then the slot's two parts), each waiting on the one
   * before; in passes over all the ids, each pass only loading, the misses of many ids are in
   * flight at once, as KeySlots.findAll does for the engine's keys. It parses each id, so the id
   * parse() read before is lost (find() and put() take the last decimal one of `ids`).
   */
  findAll(ids: readonly string[], count: number, out: Int32Array): void {
    // Stryker disable next-line ConditionalExpression,EqualityOperator: memory only; scratch made anew more often holds the same
    if (this.allHash.length < count) {
      this.allHigh = new Float64Array(count * 2);
      this.allLow = new Int32Array(count * 2);
      this.allHash = new Int32Array(count * 2);
    }
    const { table, mask, high, low, allHigh, allLow, allHash } = this;
    let touched = 0;
    for (let i = 0; i < count; i++) {
      if (!this.parse(ids[i]!)) {
        out[i] = NOT_DECIMAL;
        continue;
      }
      out[i] = -1;
      allHigh[i] = this.parsedHigh;
      allLow[i] = this.parsedLow;
      allHash[i] = this.parsedHash;
    }
    // Stryker disable all: cache warming only (speed); nothing reads what these passes load.
    for (let i = 0; i < count; i++) if (out[i] === -1) touched |= table[allHash[i]! & mask]!;
    for (let i = 0; i < count; i++) {
      if (out[i] !== -1) continue;
      const entry = table[allHash[i]! & mask]!;
      if (entry !== 0) touched |= low[entry - 1]! | high[entry - 1]!;
    }
    // Stryker restore all
    // Stryker disable next-line EqualityOperator: equivalent; one pass more writes at most out[count], which no caller reads
    for (let i = 0; i < count; i++) {
      if (out[i] !== -1) continue;
      const idHigh = allHigh[i]!;
      const idLow = allLow[i]!;
      for (let position = allHash[i]! & mask; ; position = (position + 1) & mask) {
        const entry = table[position]!;
        if (entry === 0) break;
        if (low[entry - 1] === idLow && high[entry - 1] === idHigh) {
          out[i] = entry - 1;
          break;
        }
      }
    }
    // Stryker disable next-line all: keeps the cache-warming loads alive (speed only).
    this.touched = touched;
  }

  /** Holds the parsed id in slot `at` (below `slots`, and holding no id now). */
  put(at: number): void {
    this.high[at] = this.parsedHigh;
    this.low[at] = this.parsedLow;
    this.hashes[at] = this.parsedHash;
    this.place(at);
  }

  /** Takes slot `at`'s id out of the table, so the slot can hold another. */
  remove(at: number): void {
    const { table, mask, hashes } = this;
    let hole = hashes[at]! & mask;
    while (table[hole] !== at + 1) hole = (hole + 1) & mask;
    // Backward-shift deletion: move later entries of the probe run into the hole when their home
    // position does not lie cyclically in (hole, j], so every remaining id is still found.
    for (let j = (hole + 1) & mask; table[j] !== 0; j = (j + 1) & mask) {
      const home = hashes[table[j]! - 1]! & mask;
      // Stryker disable next-line EqualityOperator: equivalent, j never comes round to the hole (the table is never full)
      const stays = hole <= j ? hole < home && home <= j : hole < home || home <= j;
      if (!stays) {
        table[hole] = table[j]!;
        hole = j;
      }
    }
    table[hole] = 0;
  }

  /**
   * Room for `size` slots; of slots 0 to `used` − 1 (used ≤ size), those `holds` says hold an id
   * keep it (by default all of them).
   */
  resize(size: number, used: number, holds: (at: number) => boolean = () => true): void {
    const high = new Float64Array(size);
    const low = new Int32Array(size);
    const hashes = new Int32Array(size);
    high.set(this.high.subarray(0, used));
    low.set(this.low.subarray(0, used));
    hashes.set(this.hashes.subarray(0, used));
    this.high = high;
    this.low = low;
    this.hashes = hashes;
    let tableSize = 16;
    // Stryker disable next-line EqualityOperator: speed only; a table twice as large finds the same ids
    while (tableSize < size * 2) tableSize *= 2;
    this.table = new Int32Array(tableSize);
    this.mask = tableSize - 1;
    for (let at = 0; at < used; at++) if (holds(at)) this.place(at);
  }

  private place(at: number): void {
    const { table, mask } = this;
    let i = this.hashes[at]! & mask;
    while (table[i] !== 0) i = (i + 1) & mask;
    table[i] = at + 1;
  }
}
