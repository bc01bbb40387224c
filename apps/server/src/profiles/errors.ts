// Typed errors of the profile stores; each message says what went wrong and what to do about it.
import { HashpulseError } from '../errors.js';

/** A profiles file is missing, unreadable or unusable as a whole (a bad line is reported, not thrown). */
export class ProfileFileError extends HashpulseError {
  override readonly name = 'ProfileFileError';
  override readonly code = 'HP_ERR_SERVER_PROFILE_FILE';
  constructor(
    readonly path: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** PostgreSQL cannot be reached at all (refused, unknown host, connection timeout). */
export class ProfileDatabaseUnreachableError extends HashpulseError {
  override readonly name = 'ProfileDatabaseUnreachableError';
  override readonly code = 'HP_ERR_SERVER_PROFILE_DATABASE_UNREACHABLE';
  constructor(
    readonly host: string,
    readonly port: number,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** PostgreSQL answered with an error (login refused, missing database, failed query). */
export class ProfileDatabaseError extends HashpulseError {
  override readonly name = 'ProfileDatabaseError';
  override readonly code = 'HP_ERR_SERVER_PROFILE_DATABASE';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/**
 * The profile database is down and the store is reconnecting: the batch goes on without profiles
 * (its tweets count as unjoined). Thrown at once, without a query, until a reconnection succeeds.
 */
export class ProfilesUnavailableError extends HashpulseError {
  override readonly name = 'ProfilesUnavailableError';
  override readonly code = 'HP_ERR_SERVER_PROFILES_UNAVAILABLE';
}

/** A store specification or option that cannot work (bad URL, bad schema name...). */
export class InvalidProfileStoreConfigError extends HashpulseError {
  override readonly name = 'InvalidProfileStoreConfigError';
  override readonly code = 'HP_ERR_SERVER_INVALID_PROFILE_STORE_CONFIG';
}

/** The store was used after close(). */
export class ProfileStoreClosedError extends HashpulseError {
  override readonly name = 'ProfileStoreClosedError';
  override readonly code = 'HP_ERR_SERVER_PROFILE_STORE_CLOSED';
  constructor(store: string) {
    super(`the ${store} profile store is closed: open a new one instead of reusing it after close()`);
  }
}
