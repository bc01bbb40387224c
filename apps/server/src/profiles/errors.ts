// Typed errors of the profile stores; each message says what went wrong and what to do about it.

/** A profiles file is missing, unreadable or unusable as a whole (a bad line is reported, not thrown). */
export class ProfileFileError extends Error {
  override readonly name = 'ProfileFileError';
  constructor(
    readonly path: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** PostgreSQL cannot be reached at all (refused, unknown host, connection timeout). */
export class ProfileDatabaseUnreachableError extends Error {
  override readonly name = 'ProfileDatabaseUnreachableError';
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
export class ProfileDatabaseError extends Error {
  override readonly name = 'ProfileDatabaseError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** A store specification or option that cannot work (bad URL, bad schema name...). */
export class InvalidProfileStoreConfigError extends Error {
  override readonly name = 'InvalidProfileStoreConfigError';
}

/** The store was used after close(). */
export class ProfileStoreClosedError extends Error {
  override readonly name = 'ProfileStoreClosedError';
  constructor(store: string) {
    super(`the ${store} profile store is closed: open a new one instead of reusing it after close()`);
  }
}
