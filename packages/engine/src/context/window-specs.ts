// The context's window specs: created and validated here, updated together at batch boundaries,
// and the retention horizon of per-batch partials (never shorter than the longest window they answer).
import { ContextStateError, InvalidWindowError } from '../errors.js';
import { answeringTier, type History, windowViolations } from '../window/window-rules.js';
import { type WindowConfig, type WindowRules, WindowSpec } from '../window/window-spec.js';

export class WindowSpecs {
  /** In creation order, the order checkpoints keep them in. */
  private readonly specs = new Set<WindowSpec>();

  constructor(
    private readonly rules: WindowRules,
    private readonly history: History,
  ) {}

  create(config: WindowConfig): WindowSpec {
    const spec = new WindowSpec(this.rules, config);
    this.specs.add(spec);
    return spec;
  }

  /** A shared spec as is (it must be this context's); a plain configuration becomes a private spec. */
  resolve(window: WindowSpec | WindowConfig): WindowSpec {
    if (window instanceof WindowSpec) {
      if (!this.specs.has(window))
        throw new ContextStateError('this window spec belongs to another StreamingContext');
      return window;
    }
    return this.create(window);
  }

  all(): WindowSpec[] {
    return [...this.specs];
  }

  /**
   * How long per-batch partials are kept: the configured retention, or the longest window in use if
   * that is longer and no roll-up tier answers it.
   */
  retentionMs(): number {
    let longest = this.history.retentionMs;
    for (const spec of this.specs) {
      const w = spec.current().windowLengthMs;
      if (answeringTier(w, this.history) <= 0) longest = Math.max(longest, w);
    }
    return longest;
  }

  /** Window updates take effect before a batch is processed. */
  applyPending(): void {
    for (const spec of this.specs) spec.applyPending();
  }

  /**
   * Throws InvalidWindowError unless every spec fits batch interval `ms`; `windows` holds the specs
   * updated together with the interval, the others are checked as they are.
   */
  checkBatchInterval(ms: number, windows: ReadonlyMap<WindowSpec, WindowConfig>): void {
    const problems: string[] = [];
    for (const spec of this.specs) {
      const config = windows.get(spec) ?? spec.config;
      for (const problem of windowViolations(config, ms, this.history)) {
        problems.push(
          windows.has(spec)
            ? problem
            : `${problem} (a window in use; change it together: spec.update({ windowLengthMs, slideMs, batchIntervalMs }))`,
        );
      }
    }
    if (problems.length > 0) throw new InvalidWindowError(problems);
  }
}
