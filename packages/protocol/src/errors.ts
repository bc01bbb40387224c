// The protocol package's errors: one base with a stable `code` (HP_ERR_PROTOCOL_*) to match on; the
// message says what was wrong and how to write it instead.

export abstract class ProtocolError extends Error {
  abstract readonly code: `HP_ERR_PROTOCOL_${string}`;
}

/** A duration that is not `500ms`, `10s`, `5m`, `1h` or is not a positive whole number of milliseconds. */
export class InvalidDurationError extends ProtocolError {
  override readonly name = 'InvalidDurationError';
  override readonly code = 'HP_ERR_PROTOCOL_INVALID_DURATION';
}
