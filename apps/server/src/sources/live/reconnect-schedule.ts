// The X API's reconnect rules, one back-off per kind of failure: linear for network errors,
// exponential for HTTP errors, exponential from a minute for rate limits (429).

/** What went wrong, as far as the reconnect rules care. */
export type FailureKind = 'network' | 'http' | 'rate-limit';

export interface ReconnectScheduleConfig {
  /** Network errors (TCP/TLS reset, dropped or stalled connection): first wait, step, ceiling. */
  networkFirstMs: number;
  networkStepMs: number;
  networkMaxMs: number;
  /** HTTP errors (5xx, unexpected 4xx): first wait, doubled per try, up to the ceiling. */
  httpFirstMs: number;
  httpMaxMs: number;
  /** 429: first wait, doubled per try, up to the ceiling. */
  rateLimitFirstMs: number;
  rateLimitMaxMs: number;
}

/** X's published rules. The 429 ceiling is ours: doubling past the 15-minute rate window buys nothing. */
export const X_RECONNECT_RULES: ReconnectScheduleConfig = {
  networkFirstMs: 0,
  networkStepMs: 250,
  networkMaxMs: 16_000,
  httpFirstMs: 5_000,
  httpMaxMs: 320_000,
  rateLimitFirstMs: 60_000,
  rateLimitMaxMs: 15 * 60_000,
};

/**
 * Counts consecutive failures per kind and answers how long to wait before the next try.
 * `reset()` once a connection has proved healthy (it delivered a tweet or a keep-alive).
 */
export class ReconnectSchedule {
  private readonly config: ReconnectScheduleConfig;
  private readonly tries: Record<FailureKind, number> = { network: 0, http: 0, 'rate-limit': 0 };

  constructor(config: Partial<ReconnectScheduleConfig> = {}) {
    this.config = { ...X_RECONNECT_RULES, ...config };
  }

  /**
   * The wait before the next try after a failure of this kind. For a 429 that names its reset
   * time, never less than the time left until that reset (an earlier try is refused anyway).
   */
  next(kind: FailureKind, rateLimitWaitMs = 0): number {
    const tries = this.tries[kind]++;
    const c = this.config;
    switch (kind) {
      case 'network':
        return Math.min(c.networkFirstMs + tries * c.networkStepMs, c.networkMaxMs);
      case 'http':
        return Math.min(c.httpFirstMs * 2 ** Math.min(tries, 30), c.httpMaxMs);
      case 'rate-limit':
        return Math.max(
          Math.min(c.rateLimitFirstMs * 2 ** Math.min(tries, 30), c.rateLimitMaxMs),
          rateLimitWaitMs,
        );
    }
  }

  reset(): void {
    this.tries.network = 0;
    this.tries.http = 0;
    this.tries['rate-limit'] = 0;
  }
}
