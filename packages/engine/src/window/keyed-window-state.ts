// The running value of a keyed window: per key the reduced value and how many of the window's
// batches hold the key. A key leaves when no batch in the window holds it any more, so the
// incremental result has exactly the keys of a full recount, whatever the value type.
import { type ValueOrder, descending, selectTopK } from './top-k';

export interface KeyedReducer<V> {
  reduce: (a: V, b: V) => V;
  /** Removes `b` (a batch leaving the window) from `a`; without it every slide is a full recount. */
  inverse?: ((a: V, b: V) => V) | undefined;
  /** Hides keys whose windowed value is "zero" (e.g. a composite whose count is 0) from the output. */
  isZero?: ((value: V) => boolean) | undefined;
}

export class Slot<V> {
  constructor(
    public value: V,
    public batches: number,
  ) {}
}

export class KeyedWindowState<K, V> {
  /**
   * Slots of the keys in the window, plus recently emptied ones (batches 0): a key that leaves is
   * not deleted at once, since Map delete-then-insert churn costs more than the slot; empty slots
   * are swept once they outnumber a quarter of the live ones. Readers never see them.
   */
  slots = new Map<K, Slot<V>>();
  /** Keys present whose value is zero by `isZero` (hidden from readers). */
  zeroKeys = 0;
  /** Slots with batches > 0. */
  liveKeys = 0;
  private emptied: K[] = [];

  constructor(private readonly reducer: KeyedReducer<V>) {}

  clear(): void {
    this.slots = new Map();
    this.zeroKeys = 0;
    this.liveKeys = 0;
    this.emptied = [];
  }

  /**
   * Folds a batch's partial in. Returns its keys' slots in the partial's order: while the batch is
   * in the window those slots stay alive (they hold this batch), so removing it later needs no
   * hash lookups except for keys that leave.
   */
  add(part: ReadonlyMap<K, V>): Slot<V>[] {
    const { reduce, isZero } = this.reducer;
    const slots = this.slots;
    const resolved = new Array<Slot<V>>(part.size);
    let i = 0;
    // forEach, not for..of: no [key, value] array per entry on this hot path.
    part.forEach((value, key) => {
      let slot = slots.get(key);
      if (slot === undefined) {
        slot = new Slot(value, 1);
        slots.set(key, slot);
        this.liveKeys++;
        if (isZero && isZero(value)) this.zeroKeys++;
      } else if (slot.batches === 0) {
        slot.value = value;
        slot.batches = 1;
        this.liveKeys++;
        if (isZero && isZero(value)) this.zeroKeys++;
      } else {
        const wasZero = isZero ? isZero(slot.value) : false;
        slot.value = reduce(slot.value, value);
        slot.batches++;
        if (isZero) this.zeroKeys += (isZero(slot.value) ? 1 : 0) - (wasZero ? 1 : 0);
      }
      resolved[i++] = slot;
    });
    return resolved;
  }

  /** Takes a batch's partial out; `resolved` is what add() returned for it, if known. */
  remove(part: ReadonlyMap<K, V>, resolved?: readonly Slot<V>[]): void {
    const { inverse, isZero } = this.reducer;
    if (!inverse) throw new Error('remove() needs an inverse function');
    const slots = this.slots;
    let i = 0;
    part.forEach((value, key) => {
      const slot = resolved ? resolved[i++]! : slots.get(key);
      if (slot === undefined || slot.batches === 0) {
        throw new Error(`window state lost key ${String(key)}: a batch left twice`);
      }
      const wasZero = isZero ? isZero(slot.value) : false;
      if (--slot.batches === 0) {
        this.liveKeys--;
        this.emptied.push(key);
        if (wasZero) this.zeroKeys--;
      } else {
        slot.value = inverse(slot.value, value);
        if (isZero) this.zeroKeys += (isZero(slot.value) ? 1 : 0) - (wasZero ? 1 : 0);
      }
    });
    if (this.emptied.length * 4 > this.liveKeys + 1024) this.sweep();
  }

  /** Deletes the slots still empty (a key may have come back since it left). */
  private sweep(): void {
    for (const key of this.emptied) if (this.slots.get(key)?.batches === 0) this.slots.delete(key);
    this.emptied = [];
  }

  /** Plain copy for checkpoints. */
  toEntries(): Array<[K, V, number]> {
    const out: Array<[K, V, number]> = [];
    for (const [key, slot] of this.slots) if (slot.batches > 0) out.push([key, slot.value, slot.batches]);
    return out;
  }

  fromEntries(entries: ReadonlyArray<readonly [K, V, number]>): void {
    this.clear();
    const { isZero } = this.reducer;
    for (const [key, value, batches] of entries) {
      this.slots.set(key, new Slot(value, batches));
      this.liveKeys++;
      if (isZero && isZero(value)) this.zeroKeys++;
    }
  }

  view(info: WindowInfo, topK?: TopKFn<K, V>): KeyedWindow<K, V> {
    return new KeyedWindowView(this.slots, this.reducer.isZero, this.liveKeys - this.zeroKeys, info, topK);
  }
}

export type TopKFn<K, V> = (view: KeyedWindow<K, V>, k: number, compare: ValueOrder<V> | undefined) => Array<[K, V]>;

export interface WindowInfo {
  /** The window covers arrivals in [start, end): batches with times in (start, end]. */
  start: number;
  end: number;
  windowLengthMs: number;
  slideMs: number;
}

/**
 * A windowed keyed result: a read-only Map view of the live window state (no copy per slide).
 * Valid until the output function's promise settles; copy what you keep beyond that.
 */
export interface KeyedWindow<K, V> extends ReadonlyMap<K, V>, WindowInfo {
  /**
   * The `k` entries that rank first, sorted: by `compare` (like Array.sort; default: numbers, largest
   * first), ties by key. Costs O(n log k), never a sort of all n keys.
   */
  topK(k: number, compare?: ValueOrder<V>): Array<[K, V]>;
}

class KeyedWindowView<K, V> implements KeyedWindow<K, V> {
  readonly start: number;
  readonly end: number;
  readonly windowLengthMs: number;
  readonly slideMs: number;

  constructor(
    private readonly slots: ReadonlyMap<K, Slot<V>>,
    private readonly isZero: ((value: V) => boolean) | undefined,
    readonly size: number,
    info: WindowInfo,
    private readonly topKFn?: TopKFn<K, V>,
  ) {
    this.start = info.start;
    this.end = info.end;
    this.windowLengthMs = info.windowLengthMs;
    this.slideMs = info.slideMs;
  }

  get(key: K): V | undefined {
    const slot = this.slots.get(key);
    if (slot === undefined || slot.batches === 0 || (this.isZero && this.isZero(slot.value))) return undefined;
    return slot.value;
  }

  has(key: K): boolean {
    const slot = this.slots.get(key);
    return slot !== undefined && slot.batches > 0 && !(this.isZero && this.isZero(slot.value));
  }

  *entries(): MapIterator<[K, V]> {
    const isZero = this.isZero;
    for (const [key, slot] of this.slots) {
      if (slot.batches > 0 && (!isZero || !isZero(slot.value))) yield [key, slot.value];
    }
  }

  *keys(): MapIterator<K> {
    for (const [key] of this.entries()) yield key;
  }

  *values(): MapIterator<V> {
    for (const [, value] of this.entries()) yield value;
  }

  [Symbol.iterator](): MapIterator<[K, V]> {
    return this.entries();
  }

  forEach(callback: (value: V, key: K, map: ReadonlyMap<K, V>) => void): void {
    const isZero = this.isZero;
    this.slots.forEach((slot, key) => {
      if (slot.batches > 0 && (!isZero || !isZero(slot.value))) callback(slot.value, key, this);
    });
  }

  topK(k: number, compare?: ValueOrder<V>): Array<[K, V]> {
    if (this.topKFn) return this.topKFn(this, k, compare);
    return selectTopK(this, k, compare ?? (descending as unknown as ValueOrder<V>));
  }
}
