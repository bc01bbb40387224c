// A map keyed by X's ids (user and tweet ids): decimal ids in a DecimalIdTable, any other string
// in a Map of its own. Insert and overwrite only, which is all the profile store's loaded
// profiles need.
import { DecimalIdTable, NOT_DECIMAL } from './decimal-id-table.js';

const FIRST_SLOTS = 1024;

export class IdMap<V> {
  private readonly ids = new DecimalIdTable();
  /** Per slot of `ids`, in first-come order. */
  private readonly values: V[] = [];
  private readonly other = new Map<string, V>();
  /** Scratch for getAll: each id's slot. */
  private found = new Int32Array(0);

  get size(): number {
    return this.values.length + this.other.size;
  }

  get(id: string): V | undefined {
    if (!this.ids.parse(id)) return this.other.get(id);
    const at = this.ids.find();
    // Stryker disable next-line ConditionalExpression: speed only; values[-1] is undefined too, by a slow property lookup
    return at < 0 ? undefined : this.values[at];
  }

  /** get() of each of ids[0, count) into `out`, many ids at a time (DecimalIdTable.findAll). */
  getAll(ids: readonly string[], count: number, out: Array<V | undefined>): void {
    // Stryker disable next-line ConditionalExpression,EqualityOperator: memory only; scratch made anew more often holds the same
    if (this.found.length < count) this.found = new Int32Array(count * 2);
    const found = this.found;
    this.ids.findAll(ids, count, found);
    const values = this.values;
    for (let i = 0; i < count; i++) {
      const at = found[i]!;
      // Stryker disable next-line ConditionalExpression: equivalent; `other` holds no decimal id, so asking it gives undefined too
      out[i] = at >= 0 ? values[at] : at === NOT_DECIMAL ? this.other.get(ids[i]!) : undefined;
    }
  }

  set(id: string, value: V): void {
    if (!this.ids.parse(id)) {
      this.other.set(id, value);
      return;
    }
    const found = this.ids.find();
    if (found >= 0) {
      this.values[found] = value;
      return;
    }
    const at = this.values.length;
    // Resizing parses nothing: the id parsed above is still the one put next.
    // Stryker disable next-line ConditionalExpression: speed only; resizing more often keeps the same ids
    if (at === this.ids.slots) this.ids.resize(Math.max(FIRST_SLOTS, at * 2), at);
    this.values.push(value);
    this.ids.put(at);
  }
}
