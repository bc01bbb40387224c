// mapWithState: a function of each record and its key's state, with an optional per-key idle
// timeout (Spark's StateSpec). Only keys with records (or timing out) are touched in a batch.
import { ContextStateError } from '../errors.js';
import { type BatchRun, type Graph, INACTIVE, Node, type Out } from '../graph/node.js';

/** The state of one key, handed to the mapping function. */
export interface KeyState<S> {
  exists(): boolean;
  /** The state; throws if there is none (check exists() or use getOption()). */
  get(): S;
  getOption(): S | undefined;
  /** Sets the state (not allowed while the key is timing out). */
  update(state: S): void;
  remove(): void;
  /** True when the call is the key's timeout: `value` is undefined and the state is removed after. */
  isTimingOut(): boolean;
}

export interface MapWithStateSpec<K, V, S, U> {
  fn: (key: K, value: V | undefined, state: KeyState<S>, batchTime: number) => U;
  /** Idle timeout in clock ms: a key without records for this long gets one last call, then is removed. */
  timeoutMs?: number;
  initialState?: Iterable<readonly [K, S]>;
}

interface Entry<S> {
  state: S;
  /** Batch time of the key's last record (for the idle timeout). */
  lastSeen: number;
}

class StateHandle<S> implements KeyState<S> {
  entry: Entry<S> | undefined;
  timingOut = false;
  changed = false;
  removed = false;

  exists(): boolean {
    return this.entry !== undefined && !this.removed;
  }
  get(): S {
    if (!this.exists())
      throw new ContextStateError('KeyState.get(): the key has no state; check exists() first');
    return this.entry!.state;
  }
  getOption(): S | undefined {
    return this.exists() ? this.entry!.state : undefined;
  }
  update(state: S): void {
    if (this.timingOut)
      throw new ContextStateError('KeyState.update(): a key that is timing out cannot be updated');
    this.entry = { state, lastSeen: this.entry?.lastSeen ?? 0 };
    this.changed = true;
    this.removed = false;
  }
  remove(): void {
    this.removed = true;
  }
  isTimingOut(): boolean {
    return this.timingOut;
  }
}

export class MapWithStateNode<K, V, S, U> extends Node<readonly U[]> {
  readonly kind = 'mapWithState';
  /** Kept in order of last record when a timeout is set, so expiry looks only at the oldest keys. */
  private state = new Map<K, Entry<S>>();
  private readonly timeoutMs: number | undefined;

  constructor(
    graph: Graph,
    private readonly parent: Node<readonly (readonly [K, V])[]>,
    private readonly spec: MapWithStateSpec<K, V, S, U>,
  ) {
    super(graph, [parent]);
    if (typeof spec?.fn !== 'function')
      throw new TypeError('mapWithState needs { fn(key, value, state, batchTime) }');
    this.timeoutMs = spec.timeoutMs;
    if (this.timeoutMs !== undefined && !(this.timeoutMs > 0)) {
      throw new RangeError(
        `mapWithState timeoutMs ${this.timeoutMs} must be a positive number of milliseconds`,
      );
    }
    // Initial states start their idle time at the first batch (NaN until then).
    for (const [key, state] of spec.initialState ?? []) this.state.set(key, { state, lastSeen: Number.NaN });
  }

  /** The states after the last batch, for stateSnapshots(). */
  entries(): Array<[K, S]> {
    return [...this.state].map(([key, entry]) => [key, entry.state]);
  }

  compute(run: BatchRun): Out<readonly U[]> {
    const input = run.value(this.parent);
    if (input === INACTIVE) return INACTIVE;
    const t = run.time;
    const output: U[] = [];
    const handle = new StateHandle<S>();
    for (const [key, value] of input) {
      handle.entry = this.state.get(key);
      handle.timingOut = false;
      handle.changed = false;
      handle.removed = false;
      output.push(this.spec.fn(key, value, handle, t));
      if (handle.removed) {
        this.state.delete(key);
      } else if (handle.entry) {
        if (this.timeoutMs !== undefined) this.state.delete(key); // re-insert at the end: newest
        this.state.set(key, { state: handle.entry.state, lastSeen: t });
      }
    }
    if (this.timeoutMs !== undefined) {
      const expired: Array<[K, Entry<S>]> = [];
      for (const [key, entry] of this.state) {
        if (Number.isNaN(entry.lastSeen)) {
          entry.lastSeen = t;
          continue;
        }
        if (t - entry.lastSeen < this.timeoutMs) break;
        expired.push([key, entry]);
      }
      for (const [key, entry] of expired) {
        handle.entry = entry;
        handle.timingOut = true;
        handle.removed = false;
        output.push(this.spec.fn(key, undefined, handle, t));
        this.state.delete(key);
      }
    }
    return output;
  }

  override snapshot(): unknown {
    return [...this.state].map(([key, entry]) => [key, entry.state, entry.lastSeen]);
  }

  override restore(data: unknown): void {
    this.state = new Map(
      (data as Array<[K, S, number]>).map(([key, state, lastSeen]) => [key, { state, lastSeen }]),
    );
  }
}

/** Every key's state after each batch of a mapWithState stream. */
export class StateSnapshotsNode<K, S> extends Node<readonly [K, S][]> {
  readonly kind = 'stateSnapshots';

  constructor(
    graph: Graph,
    private readonly parent: MapWithStateNode<K, unknown, S, unknown>,
  ) {
    super(graph, [parent]);
  }

  compute(run: BatchRun): Out<readonly [K, S][]> {
    return run.value(this.parent) === INACTIVE ? INACTIVE : this.parent.entries();
  }
}
