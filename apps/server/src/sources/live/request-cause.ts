// The network error behind a twitter-api-v2 ApiRequestError.
import type { ApiRequestError } from 'twitter-api-v2';

/**
 * twitter-api-v2 1.29 stores the cause as `error` but its `requestError` getter reads
 * `requestError`, so the getter is always undefined; read both so a fixed release still works.
 */
function requestCause(error: ApiRequestError): Error | undefined {
  const options = (error as unknown as { _options?: { error?: unknown; requestError?: unknown } })._options;
  const cause = error.requestError ?? options?.requestError ?? options?.error;
  return cause instanceof Error ? cause : undefined;
}

/** "ECONNRESET: socket hang up"-style text for status messages. */
export function describeRequestCause(error: ApiRequestError): string {
  const cause = requestCause(error);
  if (cause === undefined) return error.message;
  const code = (cause as { code?: unknown }).code;
  return typeof code === 'string' && !cause.message.includes(code)
    ? `${code}: ${cause.message}`
    : cause.message;
}
