// A profile store that survives its database going away: while PostgreSQL is down, lookups fail
// fast with ProfilesUnavailableError (the batch goes on unjoined), stream profiles are counted as
// not stored, and the store probes the database with back-off until it answers again.
import { EventEmitter } from 'node:events';
import type { Profile } from '@hashpulse/tweets';
import { ProfileDatabaseUnreachableError, ProfilesUnavailableError } from './errors.js';
import type { ProfileStore, ProfileStoreStats } from './profile-store.js';

/** The store's view of its database, reported on each change (and each scheduled retry). */
export interface ProfileAvailability {
  state: 'ok' | 'unavailable';
  /** What went wrong (the first error of the outage), null while ok. */
  error: Error | null;
  since: number | null;
  nextRetryAt: number | null;
  /** Profiles from the stream that could not be stored during outages, in all. */
  notStored: number;
}

export interface ResilientProfileStoreOptions {
  /** One round trip to the database; the store is available again once it resolves. */
  probe(): Promise<void>;
  /** First retry delay; each failed probe doubles it up to maxRetryMs. Default 500 ms. */
  initialRetryMs?: number;
  /** Default 15 s. */
  maxRetryMs?: number;
  /** Epoch ms for the status (tests). Default Date.now. */
  now?: () => number;
}

export interface ResilientProfileStoreEvents {
  availability: [ProfileAvailability];
}

export class ResilientProfileStore extends EventEmitter<ResilientProfileStoreEvents> implements ProfileStore {
  readonly kind: ProfileStore['kind'];
  private outage: { error: Error; since: number; attempt: number; nextRetryAt: number | null } | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private notStored = 0;
  private closed = false;
  private checking = false;

  constructor(
    private readonly inner: ProfileStore,
    private readonly options: ResilientProfileStoreOptions,
  ) {
    super();
    this.kind = inner.kind;
  }

  availability(): ProfileAvailability {
    const outage = this.outage;
    return {
      state: outage === null ? 'ok' : 'unavailable',
      error: outage?.error ?? null,
      since: outage?.since ?? null,
      nextRetryAt: outage?.nextRetryAt ?? null,
      notStored: this.notStored,
    };
  }

  async lookup(ids: readonly string[]): Promise<Array<Profile | undefined>> {
    if (this.outage !== null) throw this.unavailableError();
    try {
      return await this.inner.lookup(ids);
    } catch (error) {
      if (!(error instanceof ProfileDatabaseUnreachableError)) throw error;
      this.markUnavailable(error);
      throw this.unavailableError();
    }
  }

  async add(profiles: readonly Profile[]): Promise<void> {
    if (this.outage === null) {
      try {
        await this.inner.add(profiles);
        return;
      } catch (error) {
        if (!(error instanceof ProfileDatabaseUnreachableError)) throw error;
        this.markUnavailable(error);
      }
    }
    // Counted and shown with the outage (reported once); the stream brings most authors again.
    this.notStored += profiles.length;
  }

  size(): Promise<number> {
    return this.inner.size();
  }

  stats(): ProfileStoreStats {
    return this.inner.stats();
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.retryTimer !== null) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    await this.inner.close();
  }

  /**
   * Checks the database now (a dropped idle connection may be the first sign of an outage, or
   * nothing): an outage starts only if the probe fails.
   */
  check(): void {
    if (this.outage !== null || this.closed || this.checking) return;
    this.checking = true;
    this.options.probe().then(
      () => (this.checking = false),
      (error: Error) => {
        this.checking = false;
        this.markUnavailable(error);
      },
    );
  }

  /**
   * Starts an outage (once; later failures during it change nothing) and schedules the first
   * probe. Also for failures seen elsewhere, e.g. the pool's idle connections dropping.
   */
  markUnavailable(error: Error): void {
    if (this.outage !== null || this.closed) return;
    this.outage = { error, since: this.now(), attempt: 0, nextRetryAt: null };
    this.scheduleProbe();
  }

  private scheduleProbe(): void {
    const outage = this.outage!;
    const initial = this.options.initialRetryMs ?? 500;
    const delay = Math.min(this.options.maxRetryMs ?? 15_000, initial * 2 ** outage.attempt);
    outage.nextRetryAt = this.now() + delay;
    this.emit('availability', this.availability());
    this.retryTimer = setTimeout(() => void this.probe(), delay);
    this.retryTimer.unref();
  }

  private async probe(): Promise<void> {
    this.retryTimer = null;
    const outage = this.outage;
    if (outage === null || this.closed) return;
    try {
      await this.options.probe();
    } catch (error) {
      if (this.closed) return;
      if (!(error instanceof ProfileDatabaseUnreachableError)) {
        // Reachable but failing (a dropped table, a revoked grant): still an outage, say why.
        outage.error = error as Error;
      }
      outage.attempt++;
      this.scheduleProbe();
      return;
    }
    if (this.closed) return;
    this.outage = null;
    this.emit('availability', this.availability());
  }

  private unavailableError(): ProfilesUnavailableError {
    const outage = this.outage!;
    return new ProfilesUnavailableError(
      `profiles unavailable since ${new Date(outage.since).toISOString()}, retrying: ${outage.error.message}`,
      { cause: outage.error },
    );
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }
}
