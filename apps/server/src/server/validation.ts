// Validates what enters over HTTP with the protocol's zod schemas; a failure becomes a 400 that
// lists every problem.
import type { z } from '@hashpulse/protocol';
import { HashpulseError } from '../errors.js';

export class InvalidRequestError extends HashpulseError {
  override readonly name = 'InvalidRequestError';
  override readonly code = 'HP_ERR_SERVER_INVALID_REQUEST';
  readonly statusCode = 400;
  constructor(
    message: string,
    readonly details: string[],
  ) {
    super(message);
  }
}

export function parseRequest<Schema extends z.ZodType>(
  schema: Schema,
  input: unknown,
  what: string,
): z.output<Schema> {
  const result = schema.safeParse(input ?? {});
  if (result.success) return result.data;
  const details = result.error.issues.map((issue) =>
    issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message,
  );
  throw new InvalidRequestError(`invalid ${what}: ${details.join('; ')}`, details);
}
