// reduceByKeyAndWindow / countByValueAndWindow: a keyed window kept from per-batch partials and,
// for windows longer than those are kept, from coarser roll-up tiers of them. With an inverse, a
// slide adds the partials that enter and removes those that leave; otherwise it recounts. A
// reconfigured window (new W or S) is reached the same way, from the retained history.
// About 420 lines: the history (per-batch partials, their packing, roll-up tiers, eviction) and the
// state folded from it move together at every batch and share their bounds; the parts that stand
// alone (the states, the tiers, the partial forms) are in window/.
import { ContextStateError } from '../errors.js';
import { type BatchRun, type Graph, INACTIVE, Node, type Out } from '../graph/node.js';
import { KeyedWindowState } from '../window/keyed-window-state.js';
import type {
  KeyedReducer,
  KeyedWindow,
  ResolvedPartial,
  WindowInfo,
  WindowState,
} from '../window/window-state.js';
import { PackedWindowState } from '../window/packed-window-state.js';
import type { HistoryTierStats } from '../window/history-stats.js';
import {
  CompactPartial,
  PackedKeys,
  type PackedPartialData,
  isPackedPartialData,
} from '../window/compact-partial.js';
import { PartialStore } from '../window/partial-store.js';
import {
  type ClosedBucket,
  RollupTier,
  type RollupLimit,
  type RollupSnapshot,
} from '../window/rollup-tier.js';
import { descending, type ValueOrder } from '../window/top-k.js';
import { TopKTracker } from '../window/top-k-tracker.js';
import { answeringTier, type History } from '../window/window-rules.js';
import type { WindowSpec } from '../window/window-spec.js';

interface Snapshot<K, V> {
  /** Per-batch partials: Maps, or packed (CompactPartial; checkpoints before it hold only Maps). */
  partials: Array<[number, ReadonlyMap<K, V> | PackedPartialData<K>]>;
  covered: [number, number] | null;
  state: Array<[K, V, number]>;
  /** Absent in checkpoints written before history tiers. */
  tier?: number;
  rollups?: Array<RollupSnapshot<K, V>>;
  /** A window computed on demand: the latest slide's window, which a read brings the state to. */
  latest?: WindowInfo | null;
}

/** Where a window operator keeps its history: the context's tiers, and how to bound roll-ups. */
export interface WindowHistory<V> {
  /** Per-batch retention in ms, read at every batch (it never drops below a window it answers). */
  retentionMs: () => number;
  tiers: History;
  /** Bounds each roll-up bucket to its largest keys; unbounded (exact) when absent. */
  rollupLimit?: RollupLimit<V> | undefined;
  /** Keys seldom come back from batch to batch: packed partials keep their own (see CompactPartial). */
  keysMostlyNew?: boolean | undefined;
}

/** How a slide was computed, for tests and the benchmark. */
export interface WindowStepStats {
  mode: 'incremental' | 'recount';
  batchesAdded: number;
  batchesRemoved: number;
}

export class ReducedWindowNode<K, V> extends Node<KeyedWindow<K, V>> {
  readonly kind: string;
  /** Per-batch partials (tier 0), then the roll-up tiers. */
  private readonly store = new PartialStore<ReadonlyMap<K, V>>();
  /** The keys of the packed partials in `store`, each once. */
  private readonly packedKeys = new PackedKeys<K>();
  private readonly rollups: Array<RollupTier<K, V>>;
  /** The running window: `packedState` while every partial in it is packed with `packedKeys`, else `keyedState`. */
  private state: WindowState<K, V>;
  private readonly keyedState: KeyedWindowState<K, V>;
  private readonly packedState: PackedWindowState<K, V> | null;
  /** The tier whose partials are folded into `state`. */
  private tier = 0;
  /** The tier's partials (lo, hi] currently folded into `state`; null when nothing is. */
  private covered: [number, number] | null = null;
  /** Each partial in the state as resolved by KeyedWindowState.add; empty after a restore. */
  private resolved = new Map<ReadonlyMap<K, V>, ResolvedPartial>();
  lastStep: WindowStepStats | undefined;
  /** Slide counter and the partials that entered or left at the last slide (null after a recount). */
  private step = 0;
  private changedParts: ReadonlyMap<K, V>[] | null = null;
  /**
   * Set by computeOnDemand(): slides only note their window (`latest`), and a read computes it. The
   * history is kept as always, so a read answers at once from it.
   */
  private onDemand = false;
  private latest: WindowInfo | null = null;
  /** On demand: a window of more partials than this is kept current at slides (see computeOnDemand). */
  private recountLimit = 0;
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
    private readonly history: WindowHistory<V>,
    kind = 'reduceByKeyAndWindow',
  ) {
    super(graph, [parent]);
    this.kind = kind;
    this.keyedState = new KeyedWindowState(reducer);
    this.packedState = history.keysMostlyNew ? null : new PackedWindowState(reducer, this.packedKeys);
    this.state = this.keyedState;
    this.rollups = (history.tiers.rollups ?? []).map(
      (tier) => new RollupTier<K, V>(tier, reducer, history.rollupLimit),
    );
  }

  compute(run: BatchRun): Out<KeyedWindow<K, V>> {
    const t = run.time;
    const value = run.value(this.parent);
    let part = value === INACTIVE ? null : value;
    const { windowLengthMs: w, slideMs: s } = this.spec.current();
    if (part !== null && part.size > 0) {
      part = this.packedIfKept(part, w);
      this.store.add(t, part);
    }
    this.foldRollups(t, part);
    // Key hashes a partial came with served the roll-up it entered; the hour it is kept needs none.
    if (part instanceof CompactPartial) part.inline?.dropHashes();
    const window: WindowInfo = { start: t - w, end: t, windowLengthMs: w, slideMs: s };
    const slides = t % s === 0;
    if (slides && this.onDemand) {
      this.latest = window;
      if (this.partials(this.tierOf(w)).countIn(window.start, window.end) > this.recountLimit)
        this.bringTo(window);
    } else if (slides) this.bringTo(window);
    this.evict(t, w);
    if (!slides || this.onDemand) return INACTIVE;
    return this.state.view(window, this.topK);
  }

  get computesOnDemand(): boolean {
    return this.onDemand;
  }

  /**
   * From now on the window is computed only when read (readLatest), not at every slide: for a
   * window few look at, such as a drill-down. Before start, and only with no slide consumers. A
   * read of a state left behind recounts the window in the reader's call, so a window of more than
   * `recountLimit` partials is kept current at every slide instead, as if read.
   */
  computeOnDemand(recountLimit: number): void {
    const consumer = this.graph.nodes.find((node) => node.parents.includes(this));
    if (consumer)
      throw new ContextStateError(
        `${this.label()} already has a consumer at every slide (${consumer.label()}): a window computed on demand has none`,
      );
    this.onDemand = true;
    this.recountLimit = recountLimit;
  }

  /**
   * The latest slide's window, brought up to date now (null before the first slide). It costs the
   * batches that entered and left since the last read, or a recount when that is cheaper. The view
   * is valid until the next batch is computed.
   */
  readLatest(): KeyedWindow<K, V> | null {
    const latest = this.latest;
    if (latest === null) return null;
    this.bringTo(latest);
    return this.state.view(latest, this.topK);
  }

  /** Moves the state to `window`, from the tier that answers it (a new tier starts from a recount). */
  private bringTo(window: WindowInfo): void {
    const tier = this.tierOf(window.windowLengthMs);
    if (tier !== this.tier) {
      this.tier = tier;
      this.covered = null;
    }
    const covered = this.covered;
    // Read again before the next slide: already there (moving would only count a step).
    if (this.onDemand && covered?.[0] === window.start && covered[1] === window.end) return;
    this.moveTo(window.start, window.end);
  }

  /** Per tier: what this operator retains (tier 0 is the per-batch partials). */
  historyStats(): HistoryTierStats[] {
    let batchKeys = 0;
    for (const part of this.store.range(Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY))
      batchKeys += part.size;
    const stats: HistoryTierStats[] = [
      {
        tier: 0,
        resolutionMs: null,
        retentionMs: this.history.retentionMs(),
        operators: 1,
        partials: this.store.size,
        keys: batchKeys,
        keysTrimmed: 0,
      },
    ];
    this.rollups.forEach((rollup, i) =>
      stats.push({
        tier: i + 1,
        resolutionMs: rollup.resolutionMs,
        retentionMs: rollup.retentionMs,
        operators: 1,
        partials: rollup.store.size,
        keys: rollup.keys,
        keysTrimmed: rollup.keysTrimmed,
      }),
    );
    return stats;
  }

  /** Feeds the batch to the finest roll-up; each closed bucket feeds the next coarser one. */
  private foldRollups(t: number, part: ReadonlyMap<K, V> | null): void {
    // Stryker disable next-line ConditionalExpression: speed only; with no tiers the loop below does nothing.
    if (this.rollups.length === 0) return;
    let inputs: Array<ClosedBucket<K, V>> = part === null ? [] : [[t, part]];
    for (const rollup of this.rollups) {
      const closed: Array<ClosedBucket<K, V>> = [];
      for (const [time, input] of inputs) rollup.fold(time, input, closed);
      rollup.fold(t, null, closed);
      inputs = closed;
    }
  }

  /**
   * A batch's partial packed for its retention (see CompactPartial), or as it is when its values do
   * not pack. The window state folds it in from either form, keeps its own values and reads the
   * partial's again when it leaves; roll-ups sum packed partials in typed arrays. Packing on arrival
   * rather than when the partial left the window kept a window's worth of Maps from surviving into
   * the old generation: peak RSS 720-730 against 793-795 MiB replaying 1M generated tweets, at the
   * same CPU (two rounds side by side).
   */
  private packedIfKept(part: ReadonlyMap<K, V>, w: number): ReadonlyMap<K, V> {
    // Only history kept past a window of length `w` (roll-up tiers, or per-batch partials retained
    // longer) is worth packing: with neither (`analyze`, whose retention is its window) each
    // partial is dropped as it leaves the window.
    if (this.rollups.length === 0 && this.history.retentionMs() <= w) return part;
    return CompactPartial.pack(part, this.dictionary()) ?? part;
  }

  /** Where packed partials number their keys: the operator's PackedKeys, or none (keys kept inline). */
  private dictionary(): PackedKeys<K> | null {
    return this.history.keysMostlyNew ? null : this.packedKeys;
  }

  /** Lets the packed partials up to `time` go of their keys, before the store drops them. */
  private releasePackedUpTo(time: number): void {
    for (const part of this.store.range(Number.NEGATIVE_INFINITY, time))
      if (part instanceof CompactPartial) part.release();
  }

  /** Drops history past each tier's horizon, but never a partial still folded into the state. */
  private evict(t: number, w: number): void {
    const retention = this.history.retentionMs();
    // Math.max is a guard: retentionMs() already covers every window the per-batch tier answers.
    // Stryker disable next-line ConditionalExpression: equivalent while that holds (WindowSpecs.retentionMs).
    const horizon = this.kept(0, t - (this.tier === 0 ? Math.max(retention, w) : retention));
    this.releasePackedUpTo(horizon);
    this.store.evictUpTo(horizon);
    for (let i = 0; i < this.rollups.length; i++) {
      const rollup = this.rollups[i]!;
      rollup.evictUpTo(this.kept(i + 1, t - rollup.retentionMs));
    }
  }

  /**
   * The eviction horizon of `tier`, moved back to the oldest partial the state still holds. A
   * window computed on demand holds nothing back: a state left unread while its partials age out
   * is dropped, and the next read recounts.
   */
  private kept(tier: number, horizon: number): number {
    const covered = this.covered;
    if (!covered || this.tier !== tier || covered[0] >= horizon) return horizon;
    if (!this.onDemand) return covered[0];
    this.state.clear();
    this.resolved.clear();
    this.covered = null;
    return horizon;
  }

  /** The tier that answers a window of length `w` (a window the spec's rules accepted always has one). */
  private tierOf(w: number): number {
    return Math.max(0, answeringTier(w, this.history.tiers));
  }

  /** The partials of a tier (default: the one in use). */
  private partials(tier = this.tier): PartialStore<ReadonlyMap<K, V>> {
    return tier === 0 ? this.store : this.rollups[tier - 1]!.store;
  }

  private moveTo(lo: number, hi: number): void {
    const store = this.partials();
    const old = this.covered;
    const recountCost = store.countIn(lo, hi);
    if (this.reducer.inverse && old && old[1] <= hi) {
      const [oldLo, oldHi] = old;
      // new \ old = (lo, min(oldLo, hi)] ∪ (max(oldHi, lo), hi];  old \ new = (oldLo, min(lo, oldHi)]
      const addA: [number, number] = [lo, Math.min(oldLo, hi)];
      const addB: [number, number] = [Math.max(oldHi, lo), hi];
      const remove: [number, number] = [oldLo, Math.min(lo, oldHi)];
      const incrementalCost = store.countIn(...addA) + store.countIn(...addB) + store.countIn(...remove);
      const entering = [...store.range(...addA), ...store.range(...addB)];
      if (incrementalCost <= recountCost && entering.every((part) => this.holdable(part))) {
        const changed: ReadonlyMap<K, V>[] = [];
        for (const part of store.range(...remove)) {
          this.state.remove(part, this.resolved.get(part));
          this.resolved.delete(part);
          changed.push(part);
        }
        for (const part of entering) {
          const resolved = this.state.add(part);
          if (resolved) this.resolved.set(part, resolved);
          changed.push(part);
        }
        this.covered = [lo, hi];
        // Stryker disable next-line UpdateOperator: speed only; a step counting down is still new each slide, so top-K trackers rescan instead of updating.
        this.step++;
        this.changedParts = changed;
        this.lastStep = {
          mode: 'incremental',
          batchesAdded: store.countIn(...addA) + store.countIn(...addB),
          batchesRemoved: store.countIn(...remove),
        };
        return;
      }
    }
    // A state is cleared as it is left (here, or in kept() and restore()): the one chosen is empty.
    this.state.clear();
    this.resolved.clear();
    const parts = [...store.range(lo, hi)];
    this.state = this.stateFor(parts);
    // Resolving slots only saves the lookups of a later remove(), which only an inverse makes.
    // Stryker disable next-line ConditionalExpression,EqualityOperator: speed only, remove() looks up keys add() left unresolved.
    const keepSlots = this.reducer.inverse !== undefined;
    for (const part of parts) {
      // Stryker disable next-line ConditionalExpression: speed only, as above.
      if (!keepSlots) this.state.addUntracked(part);
      else {
        const resolved = this.state.add(part);
        if (resolved) this.resolved.set(part, resolved);
      }
    }
    this.covered = [lo, hi];
    // Stryker disable next-line UpdateOperator: speed only, as above.
    this.step++;
    this.changedParts = null;
    this.lastStep = { mode: 'recount', batchesAdded: recountCost, batchesRemoved: 0 };
  }

  /** Whether the state in use can take `part` in (the keyed state takes any). */
  private holdable(part: ReadonlyMap<K, V>): boolean {
    return this.state !== this.packedState || this.packedState.accepts(part);
  }

  /** The state for a recount of `parts`: the packed one when it accepts them all (same width). */
  private stateFor(parts: ReadonlyArray<ReadonlyMap<K, V>>): WindowState<K, V> {
    const packed = this.packedState;
    if (packed === null || parts.length === 0) return this.keyedState;
    const first = parts[0];
    const width = first instanceof CompactPartial ? first.width : -1;
    const packable = parts.every((part) => packed.accepts(part) && part.width === width);
    return packable ? packed : this.keyedState;
  }

  override snapshot(): Snapshot<K, V> {
    return {
      partials: this.store
        .entries()
        .map(([time, part]): [number, ReadonlyMap<K, V> | PackedPartialData<K>] => [
          time,
          part instanceof CompactPartial ? part.toData() : part,
        ]),
      covered: this.covered,
      state: this.state.toEntries(),
      tier: this.tier,
      rollups: this.rollups.map((rollup) => rollup.snapshot()),
      latest: this.latest,
    };
  }

  override restore(data: unknown): void {
    const snapshot = data as Snapshot<K, V>;
    this.releasePackedUpTo(Number.POSITIVE_INFINITY);
    this.store.restore(
      snapshot.partials.map(([time, part]): [number, ReadonlyMap<K, V>] => [
        time,
        isPackedPartialData(part)
          ? CompactPartial.fromData<K, V>(part as PackedPartialData<K>, this.dictionary())
          : this.packedIfKept(part, this.spec.current().windowLengthMs),
      ]),
    );
    this.tier = snapshot.tier ?? 0;
    this.rollups.forEach((rollup, i) => {
      const saved = snapshot.rollups?.[i];
      if (saved) rollup.restore(saved);
    });
    this.covered = snapshot.covered;
    this.state.clear();
    this.state = this.keyedState;
    if (this.packedState?.fromEntries(snapshot.state)) this.state = this.packedState;
    else this.keyedState.fromEntries(snapshot.state);
    this.resolved.clear();
    this.latest = snapshot.latest ?? null;
  }
}

/** Refuses a slide consumer for a window computed on demand, which has no value at slides. */
export function assertSlides(node: Node<unknown>, consumer: string): void {
  if (node instanceof ReducedWindowNode && node.computesOnDemand)
    throw new ContextStateError(
      `${node.label()} is computed on demand: read it through its WindowReader, not with ${consumer}`,
    );
}
