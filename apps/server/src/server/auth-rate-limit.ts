// Brute-force brake on the admin token: only requests that fail it count, per client address, so
// a flood of wrong guesses from the admin's own address (a shared NAT, another local user) never
// locks the admin out; a request with the right token always passes. Guessing itself is hopeless
// by length (ADMIN_TOKEN has at least 32 characters beyond loopback); the brake bounds the work.
import type { RateLimitPluginOptions } from '@fastify/rate-limit';
import { HashpulseError } from '../errors.js';
import type { AdminToken } from './auth.js';

/** Failed control requests per client address and route, per minute. */
export const AUTH_FAILURES_PER_MINUTE = 60;

export class RateLimitedError extends HashpulseError {
  override readonly name = 'RateLimitedError';
  override readonly code = 'HP_ERR_SERVER_RATE_LIMITED';
  readonly statusCode = 429;
  readonly details: string[] = [];
}

export function authFailureRateLimit(token: AdminToken): RateLimitPluginOptions {
  return {
    global: false,
    max: AUTH_FAILURES_PER_MINUTE,
    timeWindow: '1 minute',
    // Without a token there is nothing to fail; with one, only requests without it are counted.
    allowList: (request) => !token.required || token.presented(request),
    errorResponseBuilder: (_request, context) =>
      new RateLimitedError(
        `too many control requests without the right admin token from this address (${context.max} a minute): ` +
          `try again in ${context.after}, with "Authorization: Bearer <ADMIN_TOKEN>"`,
      ),
  };
}
