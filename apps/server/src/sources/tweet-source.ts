// The one contract every tweet source (replay of recordings, live X API) meets: the engine's
// Source<Tweet>, a typed node:events emitter of status, profiles and problems, and the counts the
// source owns. Whoever runs a source (the dashboard runtime, tests) treats every kind the same.
import { EventEmitter } from 'node:events';
import type { Source } from '@hashpulse/engine';
import type { SourceStatus } from '@hashpulse/protocol';
import type { Profile, Tweet } from '@hashpulse/tweets';

/** A line that gave no tweets, or gave them with a warning; never stops the source. */
export interface SourceProblem {
  /** The recording the line is in (its name under the data directory); null for the live stream. */
  file: string | null;
  /** 1-based line of the file, or message number on the live connection. */
  line: number;
  /** rejected: malformed; notice: a compliance, limit or error message (skipped); warning: used, with a remark. */
  kind: 'rejected' | 'notice' | 'warning';
  /** For notices: compliance, limit, error or other. */
  notice?: 'compliance' | 'limit' | 'error' | 'other';
  message: string;
}

/** What a source counts of what it did not deliver; the source is their only owner. */
export type SourceCounts = Pick<SourceStatus, 'rejected' | 'skipped' | 'dropped'>;

export interface TweetSourceEvents {
  /** The source's status: on every state change and report, and (replay) its throttled progress. */
  status: [SourceStatus];
  /**
   * Profiles that came with the tweets (includes.users and inline authors), for the profile store;
   * with the engine time of the record that carried them when the source pushed it at its own time
   * (a replay), so they can wait for that record's batch (see CarriedProfiles).
   */
  profiles: [Profile[], number?];
  /** Each rejected line, skipped notice and decoder warning, once (a replay: while preparing). */
  problem: [SourceProblem];
  /** Each stream message the source accepted, exactly as received (for the recorder; live only). */
  message: [string];
}

export interface TweetSource extends Source<Tweet>, EventEmitter<TweetSourceEvents> {
  readonly kind: 'replay' | 'live';
  /** The current status, counts included (a copy). */
  status(): SourceStatus;
  /** Lines rejected, notices skipped and tweets dropped so far. */
  counts(): SourceCounts;
}

/**
 * The emitter both sources extend. A listener that throws (a recorder, a profile store) must not
 * break the source that emits: every listener is called, and each error is handed to
 * `listenerFailed` once instead of being thrown into the source.
 */
export abstract class TweetSourceEmitter extends EventEmitter<TweetSourceEvents> {
  override emit<K extends keyof TweetSourceEvents>(event: K, ...args: TweetSourceEvents[K]): boolean {
    // rawListeners keeps `once` wrappers, so calling them also removes them as node would.
    const listeners = this.rawListeners(event) as Array<(...payload: TweetSourceEvents[K]) => void>;
    for (const listener of listeners) {
      try {
        listener.apply(this, args);
      } catch (error) {
        this.listenerFailed(event, error);
      }
    }
    return listeners.length > 0;
  }

  /** Reports a listener's error where the source reports its own warnings. */
  protected abstract listenerFailed(event: keyof TweetSourceEvents, error: unknown): void;
}
