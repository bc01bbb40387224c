// Why a stream connection failed or ended, classified by the X API's reconnect rules.
import { ApiPartialResponseError, ApiRequestError, ApiResponseError } from 'twitter-api-v2';
import { describeRequestCause } from './request-cause.js';

export type StreamFailure =
  /** TCP/TLS errors, dropped or stalled connections, operational disconnects: retry soon. */
  | { kind: 'network'; message: string; stalled: boolean }
  /** An HTTP error status other than 401/403/429: exponential back-off from 5 s. */
  | { kind: 'http'; status: number; message: string }
  /** 429: back-off from a minute; `resetAt` is when X says the limit resets (epoch ms). */
  | { kind: 'rate-limit'; message: string; resetAt: number | null }
  /** 401/403: retrying cannot help until someone fixes the token or the app's access. */
  | { kind: 'fatal'; status: number; message: string }
  /** stop() was called. */
  | { kind: 'stopped' };

/** Classifies what `TweetStream.connect()` rejected with. */
export function classifyConnectError(error: unknown): StreamFailure {
  if (error instanceof ApiResponseError) {
    const detail = problemText(error.data);
    if (error.code === 401) {
      return {
        kind: 'fatal',
        status: 401,
        message: `the X API refused the bearer token (HTTP 401${detail}): check X_BEARER_TOKEN`,
      };
    }
    if (error.code === 403) {
      return {
        kind: 'fatal',
        status: 403,
        message: `the X API forbids this stream to the app (HTTP 403${detail}): check the app's access level and that X_BEARER_TOKEN belongs to it`,
      };
    }
    if (error.code === 429) {
      const header = error.headers['x-rate-limit-reset'];
      const seconds = Number(Array.isArray(header) ? header[0] : header);
      const resetAt = Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : null;
      return { kind: 'rate-limit', message: `rate limited by the X API (HTTP 429${detail})`, resetAt };
    }
    return { kind: 'http', status: error.code, message: `the X API answered HTTP ${error.code}${detail}` };
  }
  if (error instanceof ApiRequestError) {
    return { kind: 'network', stalled: false, message: `connection failed (${describeRequestCause(error)})` };
  }
  if (error instanceof ApiPartialResponseError) {
    return {
      kind: 'network',
      stalled: false,
      message: `connection broke during the response (${error.message})`,
    };
  }
  // Anything else is unexpected; treat it as a network failure so the source keeps trying, and
  // keep the message so it is reported.
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return { kind: 'network', stalled: false, message: `connection failed (${message})` };
}

/** ": title: detail" from a v2 problem body, or "" when there is none. */
function problemText(data: unknown): string {
  // Stryker disable next-line ConditionalExpression: equivalent, a string or number body has no title or detail either
  if (typeof data !== 'object' || data === null) return '';
  const body = data as { title?: unknown; detail?: unknown; errors?: unknown };
  const first = Array.isArray(body.errors) ? (body.errors[0] as typeof body | undefined) : body;
  const parts = [first?.title, first?.detail].filter((part): part is string => typeof part === 'string');
  const unique = parts.filter((part, index) => parts.indexOf(part) === index);
  return unique.length > 0 ? `: ${unique.join(': ')}` : '';
}
