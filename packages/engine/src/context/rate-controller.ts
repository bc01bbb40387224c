// The rate controller (Spark's RateController): backpressure. When a batch took longer than the
// wall time between batches, or waited behind others, sources with setRateLimit are limited to the
// estimated sustainable rate; the limit is lifted once it is well above the input rate.
import { SourceFailedError } from '../errors.js';
import type { BatchInfo } from '../metrics/batch-info.js';
import { RateEstimator } from '../metrics/rate-estimator.js';
import type { ContextRuntime } from './context-runtime.js';
import type { SourceEntry, SourceTracker } from './source-tracker.js';

export class RateController {
  private readonly estimator = new RateEstimator();
  private previousSubmittedAt: number | undefined;
  private rateLimit: number | null = null;
  private slackBatches = 0;

  constructor(
    private readonly runtime: ContextRuntime,
    private readonly sources: SourceTracker,
    private readonly enabled: boolean,
    /** Batches waiting behind the one completed: a queue means processing is behind. */
    private readonly queued: () => number,
  ) {}

  /**
   * After each completed batch. Rates are records per wall second, shared among the limitable
   * sources by their share of the batch. Never on a virtual clock: it has no wall time to keep.
   */
  onBatchCompleted(info: BatchInfo): void {
    const previous = this.previousSubmittedAt;
    this.previousSubmittedAt = info.submittedAt;
    const { clock } = this.runtime;
    if (!this.enabled || clock.virtual || previous === undefined) return;
    const limitable = this.sources.entries.filter(({ source }) => typeof source.setRateLimit === 'function');
    if (limitable.length === 0) return;
    // The wall time one batch should take, as Spark uses its batch interval: the measured gap
    // between two submissions is ~0 when a timer tick closes two batches at once, which would
    // read as "far behind" and throttle the source to the estimator's floor.
    const periodMs = info.batchIntervalMs / clock.getSpeed();
    const behind =
      info.processingTimeMs! > periodMs || info.schedulingDelayMs! > periodMs || this.queued() > 0;
    const rate = this.estimator.compute(
      info.completedAt!,
      info.records,
      info.processingTimeMs!,
      info.schedulingDelayMs!,
      periodMs,
    );
    if (rate === undefined || (!behind && this.rateLimit === null)) return;
    const inputRate = periodMs > 0 ? (info.records / periodMs) * 1000 : Number.POSITIVE_INFINITY;
    if (!behind && rate > 2 * inputRate) {
      if (++this.slackBatches >= 3) this.setRateLimits(limitable, null, info);
      return;
    }
    this.slackBatches = 0;
    this.setRateLimits(limitable, rate, info);
  }

  private setRateLimits(limitable: SourceEntry[], rate: number | null, info: BatchInfo): void {
    this.rateLimit = rate;
    this.slackBatches = 0;
    const total = limitable.reduce((n, { buffer }) => n + (info.perSource[buffer.name]?.records ?? 0), 0);
    for (const { source, buffer } of limitable) {
      const share = total > 0 ? (info.perSource[buffer.name]?.records ?? 0) / total : 1 / limitable.length;
      const limit = rate === null ? null : Math.max(1, rate * share);
      try {
        source.setRateLimit!(limit);
      } catch (error) {
        this.runtime.fail(new SourceFailedError(source.name, error));
        return;
      }
      this.runtime.bus.post('rateLimit', source.name, limit);
    }
  }
}
