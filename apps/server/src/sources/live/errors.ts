// Typed errors of the live X API source; each message says what to do about it.
import { HashpulseError } from '../../errors.js';

/** The live source was given a configuration it cannot run with. */
export class LiveSourceConfigError extends HashpulseError {
  override readonly name = 'LiveSourceConfigError';
  override readonly code = 'HP_ERR_SERVER_LIVE_SOURCE_CONFIG';
  constructor(message: string) {
    super(`LiveSourceConfigError: ${message}`);
  }
}

/** The X API refused a stream-rules request or some of its rules. */
export class StreamRulesError extends HashpulseError {
  override readonly name = 'StreamRulesError';
  override readonly code = 'HP_ERR_SERVER_STREAM_RULES';
  constructor(
    message: string,
    /** The HTTP status, when the whole request failed. */
    readonly status: number | null,
    /** The API's error objects, as it sent them. */
    readonly details: unknown[],
  ) {
    super(`StreamRulesError: ${message}`);
  }
}
