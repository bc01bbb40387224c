// A shared, mutable window configuration. Every window operator given the same spec changes
// together: an update is validated at once and applied to all of them from the next batch on.
import { InvalidWindowError } from '../errors.js';
import { type History, type WindowConfig, windowViolations } from './window-rules.js';

export type { WindowConfig } from './window-rules.js';

/** What the spec needs from its context to validate: the batch interval and the history it keeps. */
export interface WindowRules {
  batchIntervalMs(): number;
  history(): History;
  /** Validates a batch interval change requested together with a window update, then applies it. */
  setBatchInterval(ms: number, windows: ReadonlyMap<WindowSpec, WindowConfig>): void;
}

export class WindowSpec {
  private active: WindowConfig;
  private pending: WindowConfig | undefined;
  private readonly listeners = new Set<(config: WindowConfig) => void>();

  /** Use `ctx.windowSpec(...)`; the constructor is public only for the context. */
  constructor(
    private readonly rules: WindowRules,
    config: WindowConfig,
  ) {
    const problems = windowViolations(config, rules.batchIntervalMs(), rules.history());
    if (problems.length > 0) throw new InvalidWindowError(problems);
    this.active = { windowLengthMs: config.windowLengthMs, slideMs: config.slideMs };
  }

  /** The configuration outputs will use from the next batch on (the pending one if an update waits). */
  get config(): WindowConfig {
    return { ...(this.pending ?? this.active) };
  }

  get windowLengthMs(): number {
    return (this.pending ?? this.active).windowLengthMs;
  }

  get slideMs(): number {
    return (this.pending ?? this.active).slideMs;
  }

  /**
   * Changes W and S for every operator using this spec, from the next batch on, answered from the
   * retained per-batch partials (no restart, no gap, no double counting). With `batchIntervalMs`
   * the batch interval changes too, at the next batch boundary (validated together).
   * Throws InvalidWindowError naming every rule broken; nothing changes then.
   */
  update(config: WindowConfig & { batchIntervalMs?: number }): void {
    const next = { windowLengthMs: config.windowLengthMs, slideMs: config.slideMs };
    if (config.batchIntervalMs !== undefined && config.batchIntervalMs !== this.rules.batchIntervalMs()) {
      this.rules.setBatchInterval(config.batchIntervalMs, new Map([[this, next]]));
    } else {
      const problems = windowViolations(next, this.rules.batchIntervalMs(), this.rules.history());
      if (problems.length > 0) throw new InvalidWindowError(problems);
    }
    this.pending = next;
  }

  /** Called with the new configuration when an update takes effect (at a batch boundary). */
  onChange(listener: (config: WindowConfig) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The configuration in effect for the batch being processed. */
  current(): WindowConfig {
    return this.active;
  }

  /** @internal Applies a pending update; the context calls it before each batch. */
  applyPending(): void {
    if (!this.pending) return;
    this.active = this.pending;
    this.pending = undefined;
    for (const listener of this.listeners) listener({ ...this.active });
  }

  /** @internal The update waiting for the next batch, if any (for checkpoints). */
  pendingConfig(): WindowConfig | undefined {
    return this.pending;
  }

  /** @internal Sets the configuration directly (checkpoint recovery). */
  restore(active: WindowConfig, pending?: WindowConfig | null): void {
    this.active = { ...active };
    this.pending = pending ? { ...pending } : undefined;
  }
}
