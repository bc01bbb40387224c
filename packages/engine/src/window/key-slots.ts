// Numbers a window's keys with dense slots (0, 1, 2...), so per-key window state lives in flat arrays.
//
// Written by hand rather than kept in a Map, for the incremental slide: it looks up a batch's
// thousands of keys in a table of ~100k that the rest of the batch has pushed out of the CPU
// caches. A Map lookup is a chain of dependent cache misses (bucket, entry, next entry, key) that
// the CPU cannot overlap with the next lookup. Here a batch of keys is resolved in passes (hash
// every key and touch its bucket, then probe every key, then verify every candidate), so the
// misses of many keys are in flight at once. With it the incremental slide of a 60-batch window
// over 100k Zipf keys fell from 2.1 to 0.8 ms with integer keys and from 3.4 to 1.4 ms with hashtag
// strings (`npm run bench -- engine`, on the 2-core EPYC CI machine).
//
// Strings and numbers are hashed here. Any other key (an object, a bigint...) switches the table
// to a Map for good, which compares keys the same way (SameValueZero).
import { warmProbes } from './warm.js';

/** murmur3's 32-bit finaliser: spreads every input bit over the low bits the table masks with. */
export function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

const float = new Float64Array(1);
const floatWords = new Int32Array(float.buffer);
const NAN_HASH = 0x7ff80000;

/** FNV-1a's start and multiplier: a string's hash is mix() of FNV-1a over its UTF-16 code units. */
export const FNV_OFFSET = 0x811c9dc5 | 0;
export const FNV_PRIME = 0x01000193;

/** hashOf(text.slice(start, end)), without the slice. */
export function hashOfRange(text: string, start: number, end: number): number {
  let h = FNV_OFFSET;
  for (let i = start; i < end; i++) h = Math.imul(h ^ text.charCodeAt(i), FNV_PRIME);
  return mix(h);
}

/** Hash of a string or number key; equal keys (SameValueZero: +0 = −0, NaN = NaN) hash alike. */
export function hashOf(key: string | number): number {
  if (typeof key === 'string') return hashOfRange(key, 0, key.length);
  // An int32 (or −0, which hashes as 0): xor with a constant and mix are both invertible on 32
  // bits, so distinct int32 keys never share a hash (KeySlots relies on it).
  if ((key | 0) === key) return mix(key ^ 0x5bd1e995);
  if (key !== key) return NAN_HASH;
  float[0] = key;
  return mix(floatWords[0]! ^ Math.imul(floatWords[1]!, 0x9e3779b1));
}

const isInt32 = (key: unknown): boolean => typeof key === 'number' && (key | 0) === key;

const isHashable = (key: unknown): key is string | number =>
  typeof key === 'string' || typeof key === 'number';

/** SameValueZero for keys already known to be strings or numbers. */
const sameKey = (a: unknown, b: unknown): boolean => a === b || (a !== a && b !== b);

const MIN_TABLE = 2048;

/**
 * A typed array kept per slot (beside a KeySlots, a dictionary, a sum), or a copy of it doubled
 * until it holds index `slot`.
 */
export function laneHolding<A extends Int32Array<ArrayBuffer> | Float64Array<ArrayBuffer>>(
  lane: A,
  slot: number,
): A {
  if (slot < lane.length) return lane;
  let size = Math.max(1, lane.length);
  while (size <= slot) size *= 2;
  const grown = new (lane.constructor as new (length: number) => A)(size);
  grown.set(lane);
  return grown;
}

/**
 * Writes [h, slot + 1] at the first free position from h in an open-addressing table of [hash,
 * slot + 1] pairs (linear probing, `mask` + 1 positions): KeySlots' table, and PairCounts'.
 */
export function placeEntry(table: Int32Array, mask: number, h: number, slot: number): void {
  let position = h & mask;
  while (table[(position << 1) + 1] !== 0) position = (position + 1) & mask;
  table[position << 1] = h;
  table[(position << 1) + 1] = slot + 1;
}

/**
 * A table of `size` positions (a power of two) holding slots 0..count − 1 by their kept hashes:
 * a full table grown (PairCounts'), without hashing any key again.
 */
export function tableHolding(hashes: Int32Array, count: number, size: number): Int32Array<ArrayBuffer> {
  const table = new Int32Array(2 * size);
  for (let slot = 0; slot < count; slot++) placeEntry(table, size - 1, hashes[slot]!, slot);
  return table;
}

export class KeySlots<K> {
  /**
   * Per slot: its key and its hash (so the table is rebuilt without rehashing strings). `keys` has
   * one entry per slot handed out so far, live or free.
   */
  private keys: K[] = [];
  private hashes = new Int32Array(1024);
  private alive = new Uint8Array(1024);
  private free: number[] = [];
  private live = 0;
  /**
   * Open addressing with linear probing: per position [hash, slot + 1], slot lane 0 = empty.
   * Kept at most half full, so probes are short and a probe's first line usually holds the key.
   */
  private table = new Int32Array(2 * MIN_TABLE);
  private mask = MIN_TABLE - 1;
  /**
   * True while every key inserted since the last clear() is an int32: their hashes are then distinct
   * whenever the keys are, so a hash match needs no key comparison (which is a cache miss).
   */
  private onlyInt32Keys = true;
  /** Set once a key is neither a string nor a number; from then on it does all lookups. */
  private map: Map<K, number> | null = null;
  /** Scratch for findAll: each key's hash and first candidate slot. */
  private scratchHash = new Int32Array(1024);
  private scratchCandidate = new Int32Array(1024);
  /** Loads done only to start cache misses early must feed something, or the JIT drops them. */
  private touched = 0;

  /** Slots handed out so far; every slot is below it. */
  get slotCount(): number {
    return this.keys.length;
  }

  get size(): number {
    return this.live;
  }

  keyAt(slot: number): K {
    return this.keys[slot]!;
  }

  /** The key's slot, or −1. */
  find(key: K): number {
    if (this.map) return this.map.get(key) ?? -1;
    if (!isHashable(key)) return -1; // every key held so far is a string or a number
    return this.probe(key, hashOf(key));
  }

  /** Writes the slots of `keys[0..count)` to `out` (−1 where absent), many keys at a time. */
  findAll(keys: readonly K[], count: number, out: Int32Array): void {
    if (this.map) {
      for (let i = 0; i < count; i++) out[i] = this.map.get(keys[i]!) ?? -1;
      return;
    }
    if (this.scratchHash.length < count) {
      this.scratchHash = new Int32Array(count * 2);
      this.scratchCandidate = new Int32Array(count * 2);
    }
    const { table, mask, scratchHash: hashes, scratchCandidate: candidates } = this;
    let touched = 0;
    let allInt32 = this.onlyInt32Keys;
    // Pass 1: hash. Then touch each key's first probe position in a loop of nothing else, so as
    // many cache misses as the CPU can track are in flight at once.
    for (let i = 0; i < count; i++) {
      const key = keys[i];
      if (!isHashable(key)) {
        this.useMap();
        this.findAll(keys, count, out);
        return;
      }
      hashes[i] = hashOf(key);
      if (allInt32 && !isInt32(key)) allInt32 = false;
    }
    // Stryker disable next-line all: cache warming only (speed); nothing reads what it loads.
    warmProbes(table, hashes, count, mask);
    // Pass 2: probe to the first entry with the same hash (its slot is almost surely the key's).
    for (let i = 0; i < count; i++) {
      const h = hashes[i]!;
      let position = h & mask;
      let candidate = -1;
      for (let entry = table[(position << 1) + 1]!; entry !== 0; entry = table[(position << 1) + 1]!) {
        if (table[position << 1] === h) {
          candidate = entry - 1;
          break;
        }
        position = (position + 1) & mask;
      }
      candidates[i] = candidate;
    }
    if (allInt32) {
      // The hash of an int32 key is a bijection (see hashOf): equal hashes are equal keys.
      out.set(candidates.subarray(0, count));
      // Stryker disable next-line all: keeps the cache-warming loads alive (speed only).
      this.touched = touched;
      return;
    }
    // Pass 3: touch the candidates' keys (a string's characters sit next to its length).
    const held = this.keys;
    // Stryker disable all: cache warming only (speed); nothing reads what it loads.
    for (let i = 0; i < count; i++) {
      const candidate = candidates[i]!;
      if (candidate < 0) continue;
      const key = held[candidate];
      if (typeof key === 'string') touched |= key.length;
    }
    // Stryker restore all
    // Pass 4: verify; a hash collision (rare) falls back to a full probe.
    for (let i = 0; i < count; i++) {
      const candidate = candidates[i]!;
      if (candidate < 0) out[i] = -1;
      else if (sameKey(held[candidate], keys[i])) out[i] = candidate;
      else out[i] = this.probe(keys[i] as string | number, hashes[i]!);
    }
    // Stryker disable next-line all: keeps the cache-warming loads alive (speed only).
    this.touched = touched;
  }

  /**
   * insert() for `keys[i]` of the last findAll(keys, ...), which found it absent, reusing the hash
   * findAll made rather than hashing the string again (a fifth of a batch's authors are new to
   * their window's dictionary).
   */
  insertFound(keys: readonly K[], i: number): number {
    return this.insert(keys[i]!, this.map ? undefined : this.scratchHash[i]);
  }

  /** Gives an absent key a slot (a freed one first) and returns it; `hash` is hashOf(key) when known. */
  insert(key: K, hash?: number): number {
    if ((key as unknown) === 0) key = 0 as K; // −0 is stored as 0, as a Map does
    if (!this.map && !isHashable(key)) this.useMap();
    const slot = this.free.pop() ?? this.newSlot();
    // push keeps the array packed (no holes), so V8 keeps number keys unboxed.
    if (slot === this.keys.length) this.keys.push(key);
    else this.keys[slot] = key;
    this.alive[slot] = 1;
    this.live++;
    if (this.map) {
      this.map.set(key, slot);
      return slot;
    }
    if (!isInt32(key)) this.onlyInt32Keys = false;
    const h = hash ?? hashOf(key as string | number);
    this.hashes[slot] = h;
    if (this.live * 2 > this.mask + 1) this.rebuild();
    else this.place(h, slot);
    return slot;
  }

  /** Removes the keys of these slots and frees the slots for reuse. */
  release(slots: readonly number[]): void {
    for (const slot of slots) {
      if (!this.alive[slot]) continue;
      const key = this.keys[slot]!;
      this.map?.delete(key);
      // Drop the reference so the key can be collected; number keys stay (keeps the array unboxed).
      if (typeof key !== 'number') this.keys[slot] = undefined as K;
      this.alive[slot] = 0;
      this.free.push(slot);
      this.live--;
    }
    // Linear probing cannot just blank an entry (it would cut probe chains): rebuild, which costs
    // about what a sweep's deletes would and runs once per sweep.
    if (!this.map) this.rebuild();
  }

  clear(): void {
    this.keys = [];
    this.hashes = new Int32Array(1024);
    this.alive = new Uint8Array(1024);
    this.free = [];
    this.live = 0;
    this.table = new Int32Array(2 * MIN_TABLE);
    this.mask = MIN_TABLE - 1;
    this.map = null;
    this.onlyInt32Keys = true;
  }

  private probe(key: string | number, h: number): number {
    const { table, mask } = this;
    let position = h & mask;
    for (let entry = table[(position << 1) + 1]!; entry !== 0; entry = table[(position << 1) + 1]!) {
      const equal = (this.onlyInt32Keys && isInt32(key)) || sameKey(this.keys[entry - 1], key);
      if (table[position << 1] === h && equal) return entry - 1;
      position = (position + 1) & mask;
    }
    return -1;
  }

  private place(h: number, slot: number): void {
    placeEntry(this.table, this.mask, h, slot);
  }

  /** A fresh table sized for the live keys (at most half full, at least a quarter). */
  private rebuild(): void {
    let size = MIN_TABLE;
    while (size < this.live * 4) size *= 2;
    this.table = new Int32Array(2 * size);
    this.mask = size - 1;
    for (let slot = 0; slot < this.keys.length; slot++)
      if (this.alive[slot]) this.place(this.hashes[slot]!, slot);
  }

  private newSlot(): number {
    const slot = this.keys.length; // insert() pushes its key
    if (slot === this.hashes.length) {
      const hashes = new Int32Array(slot * 2);
      hashes.set(this.hashes);
      this.hashes = hashes;
      const alive = new Uint8Array(slot * 2);
      alive.set(this.alive);
      this.alive = alive;
    }
    return slot;
  }

  private useMap(): void {
    const map = new Map<K, number>();
    for (let slot = 0; slot < this.keys.length; slot++) if (this.alive[slot]) map.set(this.keys[slot]!, slot);
    this.map = map;
    this.table = new Int32Array(2);
    this.mask = 0;
  }
}
