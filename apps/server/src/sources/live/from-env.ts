// The live source's options from the validated environment (LIVE, X_BEARER_TOKEN, X_API_BASE_URL).
import type { Env } from '@hashpulse/protocol';
import { LiveSourceConfigError } from './errors';
import type { LiveSourceOptions } from './live-source';
import { normaliseBaseUrl } from './x-client';

export type LiveEnv = Pick<Env, 'LIVE' | 'X_BEARER_TOKEN' | 'X_API_BASE_URL'>;

/**
 * Null when LIVE is "off"; otherwise the options for `new LiveSource(...)` (add `ca`, `clock`...
 * as needed). Refuses a live stream without a bearer token, or with a base URL it cannot use.
 */
export function liveSourceOptionsFromEnv(env: LiveEnv): LiveSourceOptions | null {
  if (env.LIVE === 'off') return null;
  if (env.X_BEARER_TOKEN === undefined || env.X_BEARER_TOKEN.trim() === '') {
    throw new LiveSourceConfigError(
      `LIVE=${env.LIVE} needs the app's bearer token: set X_BEARER_TOKEN (developer.x.com, app "Keys and tokens")`,
    );
  }
  return { stream: env.LIVE, bearerToken: env.X_BEARER_TOKEN, baseUrl: normaliseBaseUrl(env.X_API_BASE_URL) };
}
