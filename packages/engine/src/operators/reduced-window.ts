// reduceByKeyAndWindow / countByValueAndWindow: a keyed window kept from per-batch partials.
// With an inverse, a slide adds the batches that enter and removes those that leave; otherwise it
// recounts. A reconfigured window (new W or S) is reached the same way, from the retained partials.
import { type BatchRun, type Graph, INACTIVE, Node, type Out } from '../graph/node.js';
import {
  type KeyedReducer,
  type KeyedWindow,
  KeyedWindowState,
  type ResolvedPartial,
} from '../window/keyed-window-state.js';
import { PartialStore } from '../window/partial-store.js';
import { descending, type ValueOrder } from '../window/top-k.js';
import { TopKTracker } from '../window/top-k-tracker.js';
import type { WindowSpec } from '../window/window-spec.js';

interface Snapshot<K, V> {
  partials: Array<[number, ReadonlyMap<K, V>]>;
  covered: [number, number] | null;
  state: Array<[K, V, number]>;
}

/** How a slide was computed, for tests and the benchmark. */
export interface WindowStepStats {
  mode: 'incremental' | 'recount';
  batchesAdded: number;
  batchesRemoved: number;
}

export class ReducedWindowNode<K, V> extends Node<KeyedWindow<K, V>> {
  readonly kind: string;
  private readonly store = new PartialStore<ReadonlyMap<K, V>>();
  private readonly state: KeyedWindowState<K, V>;
  /** The batches (lo, hi] currently folded into `state`; null when nothing is. */
  private covered: [number, number] | null = null;
  /** Each partial in the state as resolved by KeyedWindowState.add; empty after a restore. */
  private resolved = new Map<ReadonlyMap<K, V>, ResolvedPartial<V>>();
  lastStep: WindowStepStats | undefined;
  /** Slide counter and the partials that entered or left at the last slide (null after a recount). */
  private step = 0;
  private changedParts: ReadonlyMap<K, V>[] | null = null;
  private readonly defaultTracker = new TopKTracker<K, V>(descending as unknown as ValueOrder<V>);
  private readonly trackers = new WeakMap<ValueOrder<V>, TopKTracker<K, V>>();
  private readonly topK = (view: KeyedWindow<K, V>, k: number, compare: ValueOrder<V> | undefined) => {
    let tracker = this.defaultTracker;
    if (compare) {
      tracker = this.trackers.get(compare) ?? new TopKTracker<K, V>(compare);
      this.trackers.set(compare, tracker);
    }
    const parts = this.changedParts;
    return tracker.query(k, this.step, view, parts ? () => parts : null);
  };

  constructor(
    graph: Graph,
    private readonly parent: Node<ReadonlyMap<K, V>>,
    private readonly spec: WindowSpec,
    private readonly reducer: KeyedReducer<V>,
    private readonly retentionMs: () => number,
    kind = 'reduceByKeyAndWindow',
  ) {
    super(graph, [parent]);
    this.kind = kind;
    this.state = new KeyedWindowState(reducer);
  }

  compute(run: BatchRun): Out<KeyedWindow<K, V>> {
    const t = run.time;
    const part = run.value(this.parent);
    if (part !== INACTIVE && part.size > 0) this.store.add(t, part);
    const { windowLengthMs: w, slideMs: s } = this.spec.current();
    if (t % s === 0) this.moveTo(t - w, t);
    // Never evict a batch still folded into the state: the inverse must see the same partial.
    const horizon = t - Math.max(this.retentionMs(), w);
    this.store.evictUpTo(this.covered ? Math.min(horizon, this.covered[0]) : horizon);
    if (t % s !== 0) return INACTIVE;
    return this.state.view({ start: t - w, end: t, windowLengthMs: w, slideMs: s }, this.topK);
  }

  private moveTo(lo: number, hi: number): void {
    const old = this.covered;
    const recountCost = this.store.countIn(lo, hi);
    if (this.reducer.inverse && old && old[1] <= hi) {
      const [oldLo, oldHi] = old;
      // new \ old = (lo, min(oldLo, hi)] ∪ (max(oldHi, lo), hi];  old \ new = (oldLo, min(lo, oldHi)]
      const addA: [number, number] = [lo, Math.min(oldLo, hi)];
      const addB: [number, number] = [Math.max(oldHi, lo), hi];
      const remove: [number, number] = [oldLo, Math.min(lo, oldHi)];
      const incrementalCost =
        this.store.countIn(...addA) + this.store.countIn(...addB) + this.store.countIn(...remove);
      if (incrementalCost <= recountCost) {
        const changed: ReadonlyMap<K, V>[] = [];
        for (const part of this.store.range(...remove)) {
          this.state.remove(part, this.resolved.get(part));
          this.resolved.delete(part);
          changed.push(part);
        }
        for (const part of [...this.store.range(...addA), ...this.store.range(...addB)]) {
          this.resolved.set(part, this.state.add(part));
          changed.push(part);
        }
        this.covered = [lo, hi];
        this.step++;
        this.changedParts = changed;
        this.lastStep = {
          mode: 'incremental',
          batchesAdded: this.store.countIn(...addA) + this.store.countIn(...addB),
          batchesRemoved: this.store.countIn(...remove),
        };
        return;
      }
    }
    this.state.clear();
    this.resolved.clear();
    const keepSlots = this.reducer.inverse !== undefined;
    for (const part of this.store.range(lo, hi)) {
      if (keepSlots) this.resolved.set(part, this.state.add(part));
      else this.state.addUntracked(part);
    }
    this.covered = [lo, hi];
    this.step++;
    this.changedParts = null;
    this.lastStep = { mode: 'recount', batchesAdded: recountCost, batchesRemoved: 0 };
  }

  override snapshot(): Snapshot<K, V> {
    return { partials: this.store.entries(), covered: this.covered, state: this.state.toEntries() };
  }

  override restore(data: unknown): void {
    const snapshot = data as Snapshot<K, V>;
    this.store.restore(snapshot.partials);
    this.covered = snapshot.covered;
    this.state.fromEntries(snapshot.state);
    this.resolved.clear();
  }
}
