// Typed errors of the live X API source; each message says what to do about it.

/** The live source was given a configuration it cannot run with. */
export class LiveSourceConfigError extends Error {
  constructor(message: string) {
    super(`LiveSourceConfigError: ${message}`);
    this.name = 'LiveSourceConfigError';
  }
}

/** The X API refused a stream-rules request or some of its rules. */
export class StreamRulesError extends Error {
  constructor(
    message: string,
    /** The HTTP status, when the whole request failed. */
    readonly status: number | null,
    /** The API's error objects, as it sent them. */
    readonly details: unknown[],
  ) {
    super(`StreamRulesError: ${message}`);
    this.name = 'StreamRulesError';
  }
}
