// Estimates the input rate processing can sustain, from each batch's figures: a PID controller on
// the processing rate, as Spark Streaming's backpressure does (our own implementation).

export interface RateEstimatorOptions {
  proportional?: number;
  integral?: number;
  derivative?: number;
  /** Never limit below this many records per second. */
  minRate?: number;
}

export class RateEstimator {
  private readonly kp: number;
  private readonly ki: number;
  private readonly kd: number;
  private readonly minRate: number;
  private latestAt = Number.NaN;
  private latestRate = Number.NaN;
  private latestError = Number.NaN;

  constructor(options: RateEstimatorOptions = {}) {
    this.kp = options.proportional ?? 1;
    this.ki = options.integral ?? 0.2;
    this.kd = options.derivative ?? 0;
    this.minRate = options.minRate ?? 10;
  }

  /**
   * Records per second the source should be limited to, or undefined on the first sample and for
   * batches without records. All durations are wall-clock ms; `periodMs` is the wall time per batch.
   */
  compute(
    at: number,
    records: number,
    processingMs: number,
    schedulingDelayMs: number,
    periodMs: number,
  ): number | undefined {
    if (records <= 0 || processingMs <= 0 || periodMs <= 0) return undefined;
    const processingRate = (records / processingMs) * 1000;
    if (Number.isNaN(this.latestAt)) {
      this.latestAt = at;
      this.latestRate = processingRate;
      this.latestError = 0;
      return undefined;
    }
    const elapsedS = Math.max((at - this.latestAt) / 1000, 1e-3);
    // error: how much faster we let records in than we processed them;
    // historical error: the backlog (scheduling delay) expressed as a rate to work off.
    const error = this.latestRate - processingRate;
    const historicalError = (schedulingDelayMs * processingRate) / periodMs;
    const dError = (error - this.latestError) / elapsedS;
    const rate = Math.max(
      this.latestRate - this.kp * error - this.ki * historicalError - this.kd * dError,
      this.minRate,
    );
    this.latestAt = at;
    this.latestRate = rate;
    this.latestError = error;
    return rate;
  }
}
