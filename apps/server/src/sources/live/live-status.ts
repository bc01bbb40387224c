// The live source's SourceStatus (protocol shape, `live` part): state, reports and the counts the
// source owns.
import type { SourceStatus } from '@hashpulse/protocol';
import type { SourceCounts } from '../tweet-source.js';

export type LiveStatus = NonNullable<SourceStatus['live']>;
export type StatusChange = Partial<Pick<SourceStatus, 'state' | 'message'>> & Partial<LiveStatus>;
type Counter = 'rejected' | 'skipped' | 'dropped' | 'duplicatesDropped';

export class LiveStatusBoard {
  private current: SourceStatus & { live: LiveStatus };

  constructor(
    stream: LiveStatus['stream'],
    private readonly now: () => number,
    /** Told every change (not every count, see `count`). */
    private readonly changed: (status: SourceStatus) => void,
  ) {
    this.current = {
      kind: 'live',
      state: 'idle',
      message: null,
      replay: null,
      live: { stream, reconnectAttempt: 0, nextRetryAt: null, rateLimitResetAt: null, duplicatesDropped: 0 },
      rejected: 0,
      skipped: 0,
      dropped: 0,
      updatedAt: now(),
    };
  }

  /** A copy of the current status. */
  get(): SourceStatus {
    return structuredClone(this.current);
  }

  get state(): SourceStatus['state'] {
    return this.current.state;
  }

  get message(): string | null {
    return this.current.message;
  }

  get counts(): SourceCounts {
    const { rejected, skipped, dropped } = this.current;
    return { rejected, skipped, dropped };
  }

  /** Applies a state change or report and tells the listeners. */
  update(change: StatusChange): void {
    const { state, message, ...live } = change;
    const now = this.current;
    this.current = {
      ...now,
      state: state ?? now.state,
      message: message === undefined ? now.message : message,
      live: { ...now.live, ...live },
      updatedAt: this.now(),
    };
    this.changed(this.get());
  }

  /**
   * Adds to a counter without telling the listeners, so an overloaded engine dropping every
   * tweet does not also flood them; `get()` always has the current counts.
   */
  count(counter: Counter, by = 1): void {
    if (counter === 'duplicatesDropped') {
      this.current.live.duplicatesDropped += by;
    } else {
      this.current[counter] += by;
    }
    this.current.updatedAt = this.now();
  }
}
