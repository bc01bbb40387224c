// Typed errors of the replay source; each message says what to do instead.

/** A replay was configured in a way it cannot run (a bad speed, a missing clock, no files). */
export class ReplayConfigError extends Error {
  override name = 'ReplayConfigError';
}

/** A checkpoint offset that does not belong to this replay (other files, bad shape). */
export class ReplayOffsetError extends Error {
  override name = 'ReplayOffsetError';
}
