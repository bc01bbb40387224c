// A least-recently-used cache keyed by X's ids: the memory profile store's profiles that came only
// in the stream (a server without a profiles file holds every author this way).
//
// Written here rather than with lru-cache, whose behaviour it keeps (get makes an entry recent,
// peek does not, a new key past `max` evicts the least recent; dump and load in lru-cache's shape,
// least recent first, so checkpoints written with it restore), because the store asks it about
// every tweet's author and every profile a record carries: replaying 1M generated tweets at `max`
// without a profiles file, lru-cache's `get` took 1.09 s of the server's 17.5 CPU s on its main
// thread (`--cpu-prof`), most of it probing its Map of id strings (see decimal-id-table.ts).
import { DecimalIdTable } from './decimal-id-table.js';

/** An entry as dump() gives it and load() takes it: lru-cache's `LRUCache.Entry` shape. */
export interface IdLruEntry<V> {
  value: V;
}

const FIRST_SLOTS = 1024;
const NONE = -1;

export class IdLru<V> {
  private readonly ids = new DecimalIdTable();
  /** Slots of the ids that are not decimal (DecimalIdTable.parse refuses them). */
  private readonly other = new Map<string, number>();
  /** Per slot: the id, its value, and whether `other` holds it. */
  // Stryker disable next-line ArrayDeclaration: equivalent, a slot's id is written before it is read
  private keys: string[] = [];
  private values: V[] = [];
  private inOther = new Uint8Array(0);
  /** Recency as a list through the slots: `head` the least recent, `tail` the most. */
  private older = new Int32Array(0);
  private newer = new Int32Array(0);
  private head = NONE;
  private tail = NONE;
  private count = 0;

  constructor(readonly max: number) {
    if (!Number.isSafeInteger(max) || max < 1)
      throw new RangeError(`id cache: max must be a positive integer, got ${max}`);
  }

  get size(): number {
    return this.count;
  }

  /** The value, made the most recent. */
  get(id: string): V | undefined {
    const at = this.slotOf(id);
    if (at === NONE) return undefined;
    this.touch(at);
    return this.values[at];
  }

  /** The value, its recency left as it is. */
  peek(id: string): V | undefined {
    const at = this.slotOf(id);
    // Stryker disable next-line ConditionalExpression: speed only; values[-1] is undefined too, by a slow property lookup
    return at === NONE ? undefined : this.values[at];
  }

  /** Sets the value, made the most recent; a new id past `max` evicts the least recent. */
  set(id: string, value: V): void {
    const numeric = this.ids.parse(id);
    const found = numeric ? this.ids.find() : (this.other.get(id) ?? NONE);
    if (found !== NONE) {
      this.values[found] = value;
      this.touch(found);
      return;
    }
    let at: number;
    if (this.count === this.max) {
      // The least recent leaves; its slot takes the new id (removing touches no parsed id).
      at = this.head;
      this.unlink(at);
      if (this.inOther[at] === 1) this.other.delete(this.keys[at]!);
      else this.ids.remove(at);
    } else {
      at = this.count++;
      // Stryker disable next-line ConditionalExpression,MethodExpression: speed and memory only; more or larger resizes keep the same ids
      if (at === this.ids.slots) this.grow(Math.min(this.max, Math.max(FIRST_SLOTS, at * 2)));
    }
    this.keys[at] = id;
    this.values[at] = value;
    this.inOther[at] = numeric ? 0 : 1;
    if (numeric) this.ids.put(at);
    else this.other.set(id, at);
    this.append(at);
  }

  clear(): void {
    this.ids.resize(0, 0);
    this.other.clear();
    // Stryker disable next-line ArrayDeclaration: equivalent, as `keys` above
    this.keys = [];
    this.values = [];
    this.inOther = new Uint8Array(0);
    this.older = new Int32Array(0);
    this.newer = new Int32Array(0);
    this.head = this.tail = NONE;
    this.count = 0;
  }

  /** Every entry, least recent first: load() of this restores the same cache. */
  dump(): Array<[string, IdLruEntry<V>]> {
    // Stryker disable next-line ArrayDeclaration: equivalent, every place is filled
    const out = new Array<[string, IdLruEntry<V>]>(this.count);
    let i = 0;
    for (let at = this.head; at !== NONE; at = this.newer[at]!)
      out[i++] = [this.keys[at]!, { value: this.values[at]! }];
    return out;
  }

  /** Empties the cache and sets the entries in order (the last the most recent). */
  load(entries: Iterable<readonly [string, IdLruEntry<V>]>): void {
    this.clear();
    for (const [id, entry] of entries) this.set(id, entry.value);
  }

  private slotOf(id: string): number {
    return this.ids.parse(id) ? this.ids.find() : (this.other.get(id) ?? NONE);
  }

  /** Moves slot `at` to the most recent end. */
  private touch(at: number): void {
    // Stryker disable next-line ConditionalExpression: equivalent, moving the most recent to the end leaves it there
    if (at === this.tail) return;
    this.unlink(at);
    this.append(at);
  }

  private unlink(at: number): void {
    const before = this.older[at]!;
    const after = this.newer[at]!;
    if (before === NONE) this.head = after;
    else this.newer[before] = after;
    if (after === NONE) this.tail = before;
    else this.older[after] = before;
  }

  private append(at: number): void {
    this.older[at] = this.tail;
    this.newer[at] = NONE;
    if (this.tail === NONE) this.head = at;
    else this.newer[this.tail] = at;
    this.tail = at;
  }

  /** Room for `size` slots, while slot count − 1 is being filled: the slots before it keep their ids. */
  private grow(size: number): void {
    // Stryker disable next-line ArithmeticOperator: equivalent; slots past the last one used hold no id, which `inOther`, not yet grown, says
    const used = this.count - 1;
    this.ids.resize(size, used, (at) => this.inOther[at] === 0);
    this.inOther = copied(this.inOther, new Uint8Array(size));
    this.older = copied(this.older, new Int32Array(size));
    this.newer = copied(this.newer, new Int32Array(size));
  }
}

function copied<T extends Uint8Array | Int32Array>(from: T, to: T): T {
  to.set(from);
  return to;
}
