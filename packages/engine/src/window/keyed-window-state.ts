// The running value of a keyed window: per key the reduced value and how many of the window's
// batches hold the key. A key leaves when no batch in the window holds it any more, so the
// incremental result has exactly the keys of a full recount, whatever the value type.
import { KeySlots, laneHolding } from './key-slots.js';
import { SlotOrder } from './slot-order.js';
import {
  type KeyedReducer,
  type KeyedWindow,
  KeyedWindowView,
  type ResolvedPartial,
  type TopKFn,
  type WindowInfo,
  type WindowState,
} from './window-state.js';

/**
 * The window's running state. Written by hand for speed, not with a library: the slide updates ~15k
 * keys per batch in a long-lived structure, and per-key slot objects scattered in old space made each
 * update a chain of cache misses (map → object → value). So a key is numbered with a dense slot
 * (KeySlots, which also resolves a whole batch of keys at once) and its value and batch count sit in
 * contiguous arrays.
 */
export class KeyedWindowState<K, V> implements WindowState<K, V> {
  /**
   * The slot of each key in the window plus recently emptied ones (batches 0): a key that leaves is
   * not released at once, since release-then-insert churn costs more than the slot; empty slots are
   * swept once they outnumber a quarter of the live ones. Readers never see them.
   */
  private readonly slots = new KeySlots<K>();
  /** Per slot: the reduced value, and how many window batches hold it (0 empty, −1 free). */
  private values: V[] = [];
  private batches = new Int32Array(1024);
  /** Keys present whose value is zero by `isZero` (hidden from readers). */
  zeroKeys = 0;
  /** Slots with batches > 0. */
  liveKeys = 0;
  /** Slots that went to batches 0 since the last sweep (a slot may be listed twice). */
  private emptied: number[] = [];
  /** A partial's keys and values, copied out of its Map so KeySlots can resolve them in passes. */
  private partKeys: K[] = [];
  private partValues: V[] = [];
  private readonly order = new SlotOrder();

  constructor(private readonly reducer: KeyedReducer<V>) {}

  /**
   * Slots handed out so far (live, emptied or free): the state's memory in keys. Sweeping keeps it
   * near the live keys however many keys have passed through the window.
   */
  get slotCount(): number {
    return this.slots.slotCount;
  }

  clear(): void {
    this.slots.clear();
    this.values = [];
    this.batches = new Int32Array(1024);
    this.zeroKeys = 0;
    this.liveKeys = 0;
    this.emptied = [];
  }

  /**
   * Folds a batch's partial in. Returns it as resolved against the state: its keys' slots in
   * ascending order, with their places in the partial. While the batch is in the window those slots
   * stay put (they hold this batch), so removing it later needs no lookups, and walks the state
   * front to back.
   */
  add(part: ReadonlyMap<K, V>): ResolvedPartial {
    return this.fold(part, true)!;
  }

  /** Folds a batch's partial in without resolving it (a recount without an inverse). */
  addUntracked(part: ReadonlyMap<K, V>): void {
    // Stryker disable next-line BooleanLiteral: speed only; tracking resolves slots nobody reads.
    this.fold(part, false);
  }

  private fold(part: ReadonlyMap<K, V>, track: boolean): ResolvedPartial | undefined {
    const count = this.copyOut(part);
    const { partKeys: keys, partValues: parts } = this;
    const found = new Int32Array(count);
    this.slots.findAll(keys, count, found);
    const values = this.values;
    let batches: Int32Array = this.batches;
    // New keys first, so every key has a slot to sort by (a partial's keys are distinct, so an
    // insert cannot change another key's slot). An empty slot (batches 0) takes the value below.
    for (let i = 0; i < count; i++) {
      if (found[i]! >= 0) continue;
      const slot = this.slots.insertFound(keys, i);
      found[i] = slot;
      batches = this.ensureSlot(slot);
      batches[slot] = 0;
      // push keeps the values packed (no holes), so V8 keeps numbers unboxed.
      // Stryker disable next-line ConditionalExpression,EqualityOperator: speed only; the loop below writes the value either way.
      if (slot === values.length) values.push(parts[i]!);
    }
    const order = track ? this.order.sort(found, count, this.slots.slotCount) : null;
    const resolvedSlots = track ? new Int32Array(count) : null;
    const positions = track ? new Int32Array(count) : null;
    const { reduce, isZero } = this.reducer;
    for (let k = 0; k < count; k++) {
      const i = order ? order[k]! : k;
      const slot = found[i]!;
      const value = parts[i]!;
      if (batches[slot] === 0) {
        values[slot] = value;
        batches[slot] = 1;
        this.liveKeys++;
        if (isZero && isZero(value)) this.zeroKeys++;
      } else {
        const old = values[slot]!;
        const next = reduce(old, value);
        values[slot] = next;
        batches[slot]!++;
        if (isZero) this.zeroKeys += (isZero(next) ? 1 : 0) - (isZero(old) ? 1 : 0);
      }
      if (resolvedSlots) {
        resolvedSlots[k] = slot;
        positions![k] = i;
      }
    }
    return resolvedSlots ? { slots: resolvedSlots, positions: positions! } : undefined;
  }

  /** Copies the partial's entries into partKeys/partValues (forEach: no [key, value] array per entry). */
  private copyOut(part: ReadonlyMap<K, V>): number {
    const { partKeys: keys, partValues: values } = this;
    let i = 0;
    part.forEach((value, key) => {
      keys[i] = key;
      values[i] = value;
      i++;
    });
    return i;
  }

  /** The batch-count array, grown to hold `slot`. */
  private ensureSlot(slot: number): Int32Array {
    this.batches = laneHolding(this.batches, slot);
    return this.batches;
  }

  /** Takes a batch's partial out; `resolved` is what add() returned for it, if known. */
  remove(part: ReadonlyMap<K, V>, resolved?: ResolvedPartial): void {
    const { inverse, isZero } = this.reducer;
    if (!inverse) throw new Error('remove() needs an inverse function');
    const count = this.copyOut(part);
    const parts = this.partValues;
    let slots: Int32Array;
    let positions: Int32Array | null = null;
    if (resolved) {
      ({ slots, positions } = resolved);
    } else {
      slots = new Int32Array(count);
      this.slots.findAll(this.partKeys, count, slots);
    }
    const values = this.values;
    const batches = this.batches;
    const emptied = this.emptied;
    for (let i = 0; i < slots.length; i++) {
      const slot = slots[i]!;
      if (slot < 0 || batches[slot]! <= 0) {
        const key = slot < 0 ? [...part.keys()][i] : this.slots.keyAt(slot);
        throw new Error(`window state lost key ${String(key)}: a batch left twice`);
      }
      const old = values[slot]!;
      const wasZero = isZero ? isZero(old) : false;
      if (--batches[slot]! === 0) {
        this.liveKeys--;
        emptied.push(slot);
        if (wasZero) this.zeroKeys--;
      } else {
        const next = inverse(old, parts[positions ? positions[i]! : i]!);
        values[slot] = next;
        if (isZero) this.zeroKeys += (isZero(next) ? 1 : 0) - (wasZero ? 1 : 0);
      }
    }
    // The threshold trades memory slack for sweep frequency, results are the same either way;
    // window-state-sweep.test.ts pins that sweeping happens and bounds the slack.
    // Stryker disable next-line ArithmeticOperator,EqualityOperator: tuning of the sweep threshold.
    if (emptied.length * 4 > this.liveKeys + 1024) this.sweep();
  }

  /** Frees the slots still empty (a key may have come back since it left). */
  private sweep(): void {
    const batches = this.batches;
    const released: number[] = [];
    for (const slot of this.emptied) {
      if (batches[slot] !== 0) continue; // back in the window, or already freed (listed twice)
      batches[slot] = -1;
      const value = this.values[slot];
      // Drop object values so they can be collected; numbers stay, keeping the array unboxed.
      // Stryker disable next-line all: memory only; a freed slot's value is never read again.
      if (typeof value === 'object' && value !== null) this.values[slot] = undefined as V;
      released.push(slot);
    }
    this.slots.release(released);
    this.emptied = [];
  }

  /** Visits the keys in the window with their values and batch counts, zero values included. */
  forEachLive(visit: (value: V, key: K, batches: number) => void): void {
    const { slots, values, batches } = this;
    const count = slots.slotCount;
    // Past the last slot handed out the count is 0 (or out of the array), so `<=` visits nothing more.
    // Stryker disable next-line EqualityOperator: equivalent, as above.
    for (let slot = 0; slot < count; slot++) {
      const n = batches[slot]!;
      if (n > 0) visit(values[slot]!, slots.keyAt(slot), n);
    }
  }

  /** The key's value while some window batch holds it (zero values included), else undefined. */
  lookup(key: K): V | undefined {
    const slot = this.slots.find(key);
    // Without this test batches[-1] and values[-1] are undefined, the same answer by a slow path.
    // Stryker disable next-line ConditionalExpression: equivalent, as above.
    if (slot < 0) return undefined;
    return this.batches[slot]! <= 0 ? undefined : this.values[slot];
  }

  /** True while some window batch holds the key (zero values included). */
  holds(key: K): boolean {
    const slot = this.slots.find(key);
    // Stryker disable next-line ConditionalExpression: equivalent; batches[-1] is undefined, never > 0.
    if (slot < 0) return false;
    return this.batches[slot]! > 0;
  }

  /** The keys in the window with their values, zero values included, lazily. */
  *liveEntries(): Generator<[K, V], undefined, undefined> {
    // Stryker disable next-line EqualityOperator: equivalent, as in forEachLive.
    for (let slot = 0; slot < this.slots.slotCount; slot++) {
      if (this.batches[slot]! > 0) yield [this.slots.keyAt(slot), this.values[slot]!];
    }
  }

  /** Plain copy for checkpoints. */
  toEntries(): Array<[K, V, number]> {
    const out: Array<[K, V, number]> = [];
    this.forEachLive((value, key, batches) => void out.push([key, value, batches]));
    return out;
  }

  fromEntries(entries: ReadonlyArray<readonly [K, V, number]>): void {
    this.clear();
    const { isZero } = this.reducer;
    for (const [key, value, batches] of entries) {
      const slot = this.slots.insert(key);
      this.ensureSlot(slot)[slot] = batches;
      // Stryker disable next-line ConditionalExpression,EqualityOperator: after clear() every slot is new; push only keeps the array packed.
      if (slot === this.values.length) this.values.push(value);
      else this.values[slot] = value;
      this.liveKeys++;
      if (isZero && isZero(value)) this.zeroKeys++;
    }
  }

  view(info: WindowInfo, topK?: TopKFn<K, V>): KeyedWindow<K, V> {
    return new KeyedWindowView(this, this.reducer.isZero, this.liveKeys - this.zeroKeys, info, topK);
  }
}
