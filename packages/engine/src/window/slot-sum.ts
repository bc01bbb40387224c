// A roll-up bucket's open sum of packed partials that keep their own string keys (keysMostlyNew:
// the drill-down's tag × author pairs), by key in typed arrays. Their keys have no operator-wide
// numbers to sum by, as PackedSum does, so the sum numbers them itself, a minute's worth at a time.
//
// Why not a Map of sums: a minute of pairs is some 90k keys, nearly all new to the bucket, and a
// Map of them lived long enough to be promoted, entry by entry. Replaying 1M generated tweets at
// `max`, the server's peak RSS was 589-606 MiB with a typed sum against 629-726 with the Map, at
// the same CPU (three rounds side by side, `DECODE_THREADS=0`).
//
// Why no table of its own: a partial's keys are joined strings (InlineKeys), and a key here is
// where it lies in one of those (the partials are kept past the bucket anyway), so the sum makes no
// string per key. Each partial's keys are only noted as they come; the sum is made when it is read,
// once a minute, by sorting the keys' hashes (materialize). Probing a table of a minute's keys at
// every batch cost a cache miss a key, even with the probes loaded in passes.
import { type CompactPartial, sumAt, sumsAsMap, visitSums } from './compact-partial.js';
import { hashOfRange, laneHolding } from './key-slots.js';
import { BoundedHeap, type ValueOrder, descending } from './top-k.js';

/** Counts up to this rank by histogram (topByCount); larger ones go through the heap. */
const MAX_HISTOGRAM = 1 << 16;
/** A tied group this small is sorted by key rather than split further (keySelect). */
const SORTED_GROUP = 32;

export class SlotSum<K> {
  /** The joined keys of the partials summed, each once (InlineKeys' `narrow`, then `wide`). */
  private texts: string[] = [];
  /** Per key as it came (an entry): its text, start, end, hash and value, in the order added. */
  private entryText = new Int32Array(1024);
  private entryStart = new Int32Array(1024);
  private entryEnd = new Int32Array(1024);
  private entryHash = new Int32Array(1024);
  private entryValues: Float64Array<ArrayBuffer>;
  private entries = 0;
  /** Whether the places below hold the sum of every entry (see materialize). */
  private summed = true;
  /** Per place (0, 1, 2... in first-come order): the key's text, start and end; then its sum. */
  private textOf = new Int32Array(0);
  private starts = new Int32Array(0);
  private ends = new Int32Array(0);
  private count = 0;
  private sums = new Float64Array(0);

  constructor(readonly width: number) {
    this.entryValues = new Float64Array(1024 * Math.max(1, width));
  }

  /** Whether `part` can be added: packed with its own string keys and of the same value width. */
  accepts(part: CompactPartial<K, unknown>): boolean {
    return part.inline !== null && part.inline.joined && part.width === this.width;
  }

  /**
   * Adds a packed partial: its keys and values are noted, to be summed when the sum is read. A
   * key's first value is copied, not added to zero, and later ones are added in the order given:
   * the same sums, bit for bit, as reducing the values one by one.
   */
  add(part: CompactPartial<K, unknown>): void {
    const inline = part.inline!;
    const w = Math.max(1, this.width);
    const { packed } = part;
    const n = this.texts.push(inline.narrow!, inline.wide) - 2;
    // Hashes its maker made (PairCounts) are those hashOfRange gives; a key starts where the one
    // before it in the same string ended.
    const hashes = inline.keyHashes;
    this.growEntries(this.entries + inline.size);
    let narrowEnd = 0;
    let wideEnd = 0;
    for (let i = 0; i < inline.size; i++) {
      const inWide = inline.inWide(i);
      const t = inWide ? n + 1 : n;
      const start = inWide ? wideEnd : narrowEnd;
      const end = inline.end(i);
      if (inWide) wideEnd = end;
      else narrowEnd = end;
      const e = this.entries++;
      this.entryText[e] = t;
      this.entryStart[e] = start;
      this.entryEnd[e] = end;
      // Stryker disable next-line ConditionalExpression: speed only; hashOfRange gives the hash its maker lent.
      this.entryHash[e] = hashes !== null ? hashes[i]! : hashOfRange(this.texts[t]!, start, end);
      for (let j = 0; j < w; j++) this.entryValues[e * w + j] = packed[i * w + j]!;
    }
    this.summed = false;
  }

  /** Keys summed. */
  get size(): number {
    this.materialize();
    return this.count;
  }

  /** Visits each key with its sum, a vector lent only for the call (as PackedSum.forEachLent). */
  forEachLent<V>(visit: (value: V, key: K) => void): void {
    this.materialize();
    visitSums(this.sums, this.width, this.count, (place) => this.keyAt(place), visit);
  }

  /** The sum as a Map (keys in the order they first came; vectors as fresh arrays). */
  toMap<V>(): Map<K, V> {
    return sumsAsMap<K, V>(this);
  }

  /**
   * The first `k` keys in the order `order` (then key) defines, sorted, with their sums: what
   * selectTopK over forEachLent gives, ranked where the keys lie. A closing minute bucket ranks
   * some 100k pairs to keep a few thousand; through forEachLent each key was first cut out of its
   * joined string, and most keys tie on count 1 with the worst one kept, so are told apart by key.
   * Here only the keys kept become strings, and ties compare their characters in place. Closing
   * minute buckets of 60 batches of 2,000 Zipf-drawn pairs each (a scratch benchmark, 20 closes,
   * two runs each) took 20-22 ms a close against 39-45 through forEachLent. Counts ranked by
   * `descending` skip the heap (topByCount).
   */
  topEntries<V>(k: number, order: ValueOrder<V>): Array<[K, V]> {
    this.materialize();
    const { width, sums } = this;
    if (width === 0 && (order as unknown) === descending && Number.isInteger(k) && k >= 0) {
      const top = this.topByCount(k);
      if (top !== null) return Array.from(top, (place): [K, V] => [this.keyAt(place), sums[place] as V]);
    }
    // Values are lent to `order` two at a time: the place's own sum, or its vector in a scratch array.
    // Stryker disable ArrayDeclaration: equivalent, the scratch arrays are filled before they are read
    const a = new Array<number>(width);
    const b = new Array<number>(width);
    // Stryker restore ArrayDeclaration
    const compare = (p: number, q: number): number =>
      order(sumAt<V>(sums, width, p, a), sumAt<V>(sums, width, q, b)) || this.compareKeysAt(p, q);
    const heap = new BoundedHeap<number>(k, compare);
    // Stryker disable next-line ConditionalExpression,EqualityOperator: speed only; with k = 0 no place ranks before a worst that is not there
    for (let place = 0; k > 0 && place < this.count; place++) {
      if (!heap.full) heap.push(place);
      // Stryker disable next-line EqualityOperator: equivalent, two places never compare equal (their keys differ)
      else if (compare(place, heap.worst()) < 0) heap.replaceWorst(place);
    }
    return heap.sorted().map((place): [K, V] => [this.keyAt(place), sumAt<V>(sums, width, place, [])]);
  }

  /**
   * topEntries for counts ranked by `descending`, without a heap: the count that cuts is read off a
   * histogram, every place counting more is in, and of the places tied at the cut only as many as
   * are missing are chosen by key (keySelect). Null when a sum is not a whole number in
   * [0, 65536] (the heap then ranks). A closing minute of pairs is some 100k places, most tied on
   * count 1 or 2, and the heap's root was replaced by most of the smaller keys that came, each
   * sifting down through key comparisons. In the server's `--cpu-prof` (one run each) ranking
   * the closing minutes took 0.17 s inclusive against 0.40, for the same buckets.
   */
  private topByCount(k: number): Int32Array | null {
    const { sums, count } = this;
    let max = 0;
    for (let place = 0; place < count; place++) {
      const c = sums[place]!;
      if (!(Number.isInteger(c) && c >= 0 && c <= MAX_HISTOGRAM)) return null;
      if (c > max) max = c;
    }
    let chosen: Int32Array;
    if (k >= count) chosen = Int32Array.from({ length: count }, (_, place) => place);
    else {
      const histogram = new Int32Array(max + 1);
      for (let place = 0; place < count; place++) histogram[sums[place]!]!++;
      let cut = max;
      for (let above = 0; (above += histogram[cut]!) < k;) cut--;
      chosen = new Int32Array(k);
      let taken = 0;
      // Typed arrays throughout: pushing some 100k places onto a JS array cost more than the rest.
      const tied = new Int32Array(histogram[cut]!);
      let ties = 0;
      for (let place = 0; place < count; place++) {
        const c = sums[place]!;
        if (c > cut) chosen[taken++] = place;
        else if (c === cut) tied[ties++] = place;
      }
      chosen.set(this.keySelect(tied, k - taken), taken);
    }
    return chosen.sort((p, q) => sums[q]! - sums[p]! || this.compareKeysAt(p, q));
  }

  /**
   * The `m` places of `places` whose keys come first (as compareKeysAt orders them), by radix: the
   * places are bucketed by their key's character at one depth (a key that ended first), buckets
   * before the one where the m-th falls are taken whole, and that one is split at the next depth;
   * a bucket of a few places is sorted.
   */
  private keySelect(places: Int32Array, m: number): Int32Array {
    const out = new Int32Array(m);
    let taken = 0;
    let group = places;
    for (let depth = 0; taken < m; depth++) {
      const wanted = m - taken;
      if (group.length <= wanted) {
        out.set(group, taken);
        break;
      }
      // Stryker disable next-line ConditionalExpression,EqualityOperator: speed only; a group split further chooses the same places
      if (group.length <= SORTED_GROUP) {
        const sorted = Array.from(group).sort((p, q) => this.compareKeysAt(p, q));
        for (let i = 0; i < wanted; i++) out[taken++] = sorted[i]!;
        break;
      }
      // Per place its character at `depth` + 1, 0 where its key has ended (it then comes first).
      const codes = new Int32Array(group.length);
      const seen = new Map<number, number>();
      for (let i = 0; i < group.length; i++) {
        const place = group[i]!;
        const at = this.starts[place]! + depth;
        const code = at < this.ends[place]! ? this.texts[this.textOf[place]!]!.charCodeAt(at) + 1 : 0;
        codes[i] = code;
        seen.set(code, (seen.get(code) ?? 0) + 1);
      }
      let boundary = 0;
      let before = 0;
      for (const code of [...seen.keys()].sort((a, b) => a - b)) {
        const n = seen.get(code)!;
        boundary = code;
        if (before + n > wanted) break;
        before += n;
      }
      const next = new Int32Array(seen.get(boundary)!);
      let inNext = 0;
      for (let i = 0; i < group.length; i++) {
        const code = codes[i]!;
        if (code < boundary) out[taken++] = group[i]!;
        else if (code === boundary) next[inNext++] = group[i]!;
      }
      group = next;
    }
    return out;
  }

  clear(): void {
    this.texts = [];
    this.entries = 0;
    this.count = 0;
    this.summed = true;
  }

  /**
   * Sums the entries noted since the last sum (and those before: it starts over) into places, in
   * the order their keys first came. The entries are sorted by hash with a two-pass radix sort,
   * which keeps entries of one hash in the order they came; in each run of one hash, keys are told
   * apart by their characters. Each place's values are then added in the order its entries came.
   * The pairs' scratch chain (the 1M generated file's first five minutes through PairCounts and the
   * minute's RollupTier, 32 MiB written between batches, two runs of six rounds, each run's first
   * left out): 102-137 ms against 154-187 for summing and closing, where probing a table at every
   * batch cost 0.3-0.4 ms a batch. In the server's `--cpu-prof` the roll-ups took 0.75-0.88 s
   * inclusive against 0.88-1.02 (three runs).
   */
  private materialize(): void {
    if (this.summed) return;
    this.summed = true;
    const n = this.entries;
    const w = Math.max(1, this.width);
    const { entryHash, entryText, entryStart, entryEnd, entryValues } = this;
    // Radix sort of the entries by hash, low 16 bits then high (a stable pass each).
    const byLow = radixPass(identityOrder(n), entryHash, 0);
    const byHash = radixPass(byLow, entryHash, 16);
    // Per entry, the distinct key it is (numbered as met in hash order), and each key's first entry.
    const keyOf = new Int32Array(n);
    const firstOf = new Int32Array(n);
    let keys = 0;
    for (let i = 0; i < n;) {
      const h = entryHash[byHash[i]!]!;
      let runEnd = i + 1;
      while (runEnd < n && entryHash[byHash[runEnd]!] === h) runEnd++;
      const runFirstKey = keys;
      for (let r = i; r < runEnd; r++) {
        const e = byHash[r]!;
        let key = runFirstKey;
        while (key < keys && !this.sameText(firstOf[key]!, e)) key++;
        if (key === keys) firstOf[keys++] = e;
        keyOf[e] = key;
      }
      i = runEnd;
    }
    // Places in the order keys first came: an entry that is its key's first takes the next place.
    const placeOf = new Int32Array(keys);
    const isFirst = new Uint8Array(n);
    for (let key = 0; key < keys; key++) isFirst[firstOf[key]!] = 1;
    this.textOf = new Int32Array(keys);
    this.starts = new Int32Array(keys);
    this.ends = new Int32Array(keys);
    this.sums = new Float64Array(keys * w);
    let place = 0;
    for (let e = 0; e < n; e++) {
      const key = keyOf[e]!;
      if (isFirst[e] === 1) {
        placeOf[key] = place;
        this.textOf[place] = entryText[e]!;
        this.starts[place] = entryStart[e]!;
        this.ends[place] = entryEnd[e]!;
        for (let j = 0; j < w; j++) this.sums[place * w + j] = entryValues[e * w + j]!;
        place++;
      } else {
        const at = placeOf[key]!;
        for (let j = 0; j < w; j++) this.sums[at * w + j]! += entryValues[e * w + j]!;
      }
    }
    this.count = keys;
  }

  /** Whether entries a and b hold the same key text. */
  private sameText(a: number, b: number): boolean {
    const from = this.entryStart[a]!;
    const length = this.entryEnd[a]! - from;
    const start = this.entryStart[b]!;
    if (this.entryEnd[b]! - start !== length) return false;
    const x = this.texts[this.entryText[a]!]!;
    const y = this.texts[this.entryText[b]!]!;
    let i = 0;
    while (i < length && x.charCodeAt(from + i) === y.charCodeAt(start + i)) i++;
    return i === length;
  }

  private keyAt(place: number): K {
    return this.texts[this.textOf[place]!]!.slice(this.starts[place], this.ends[place]) as K;
  }

  /** The keys at places p and q compared as strings are (code unit by code unit, then by length). */
  private compareKeysAt(p: number, q: number): number {
    const x = this.texts[this.textOf[p]!]!;
    const y = this.texts[this.textOf[q]!]!;
    let i = this.starts[p]!;
    let j = this.starts[q]!;
    const xEnd = this.ends[p]!;
    const yEnd = this.ends[q]!;
    for (; i < xEnd && j < yEnd; i++, j++) {
      const d = x.charCodeAt(i) - y.charCodeAt(j);
      if (d !== 0) return d;
    }
    return xEnd - i - (yEnd - j);
  }

  /** Grows the entry lanes to hold `size` entries. */
  private growEntries(size: number): void {
    // Stryker disable next-line ConditionalExpression,EqualityOperator: speed only; laneHolding leaves a lane that is long enough
    if (size <= this.entryText.length) return;
    const last = size - 1;
    this.entryText = laneHolding(this.entryText, last);
    this.entryStart = laneHolding(this.entryStart, last);
    this.entryEnd = laneHolding(this.entryEnd, last);
    this.entryHash = laneHolding(this.entryHash, last);
    this.entryValues = laneHolding(this.entryValues, size * Math.max(1, this.width) - 1);
  }
}

/** 0, 1, ..., n − 1. */
function identityOrder(n: number): Int32Array {
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  return order;
}

/** `order` stably sorted by the 16 bits of each entry's hash from bit `shift` (one radix pass). */
function radixPass(order: Int32Array, hashes: Int32Array, shift: number): Int32Array {
  const counts = new Int32Array(1 << 16);
  for (let i = 0; i < order.length; i++) counts[(hashes[order[i]!]! >>> shift) & 0xffff]!++;
  let sum = 0;
  for (let d = 0; d < counts.length; d++) {
    const c = counts[d]!;
    counts[d] = sum;
    sum += c;
  }
  const out = new Int32Array(order.length);
  for (let i = 0; i < order.length; i++) {
    const e = order[i]!;
    out[counts[(hashes[e]! >>> shift) & 0xffff]!++] = e;
  }
  return out;
}
