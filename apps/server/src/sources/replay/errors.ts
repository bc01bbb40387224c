// Typed errors of the replay source; each message says what to do instead.
import { HashpulseError } from '../../errors.js';

/** A replay was configured in a way it cannot run (a bad speed, a missing clock, no files). */
export class ReplayConfigError extends HashpulseError {
  override readonly name = 'ReplayConfigError';
  override readonly code = 'HP_ERR_SERVER_REPLAY_CONFIG';
}

/** A checkpoint offset that does not belong to this replay (other files, bad shape). */
export class ReplayOffsetError extends HashpulseError {
  override readonly name = 'ReplayOffsetError';
  override readonly code = 'HP_ERR_SERVER_REPLAY_OFFSET';
}

/** stop() came while the replay was still reading its files for the first time: nothing plays. */
export class ReplayPreparationCancelledError extends HashpulseError {
  override readonly name = 'ReplayPreparationCancelledError';
  override readonly code = 'HP_ERR_SERVER_REPLAY_CANCELLED';
  constructor(files: readonly string[]) {
    super(
      `the replay of ${files.join(', ')} was stopped while its files were being read: start it again to play them`,
    );
  }
}
