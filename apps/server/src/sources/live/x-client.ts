// Builds the twitter-api-v2 client the live source and the rules calls use: bearer token, the API
// base URL (X_API_BASE_URL; tests point it at a local server) and the TLS trust to use.
import type { Agent } from 'node:http';
import type { AgentOptions } from 'node:https';
import { rootCertificates } from 'node:tls';
import { TwitterApi, TwitterApiv2 } from 'twitter-api-v2';
import { LiveSourceConfigError } from './errors.js';

export const DEFAULT_X_API_BASE_URL = 'https://api.x.com/2/';

export interface XClientOptions {
  /** The app's bearer token (X_BEARER_TOKEN). */
  bearerToken: string;
  /** The API base URL ending in the version, e.g. https://api.x.com/2/ (X_API_BASE_URL). */
  baseUrl?: string;
  /** The agent requests go through (for a private CA: `new https.Agent({ ca })`). */
  agent?: Agent;
}

/** Where and how to reach the X API: what the stream and the rules client are both built from. */
export interface XConnection {
  /** The app's bearer token (X_BEARER_TOKEN). */
  bearerToken: string;
  /** X_API_BASE_URL (default https://api.x.com/2/). */
  baseUrl?: string;
  /** Extra CA certificates to trust (PEM), e.g. a test server's; the system CAs stay trusted. */
  ca?: string | Buffer | (string | Buffer)[];
}

/** The v2 client; rules and streams are app-level calls a bearer token may make. */
export type XApiV2 = TwitterApiv2;

/** The library fixes the base URL of a v2 client in its constructor; this subclass moves it. */
class RebasedTwitterApiV2 extends TwitterApiv2 {
  constructor(bearerToken: string, agent: Agent | undefined, prefix: string) {
    super(new TwitterApi(bearerToken, agent ? { httpAgent: agent } : {}));
    this._prefix = prefix;
  }
}

export function createXClient(options: XClientOptions): XApiV2 {
  if (options.bearerToken.trim() === '') {
    throw new LiveSourceConfigError('the bearer token is empty: set X_BEARER_TOKEN to the app bearer token');
  }
  const prefix = normaliseBaseUrl(options.baseUrl ?? DEFAULT_X_API_BASE_URL);
  return new RebasedTwitterApiV2(options.bearerToken, options.agent, prefix);
}

/** Checks the URL and makes sure it ends in '/', since endpoints are appended to it. */
export function normaliseBaseUrl(baseUrl: string): string {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new LiveSourceConfigError(
      `X_API_BASE_URL "${baseUrl}" is not a URL; use e.g. https://api.x.com/2/`,
    );
  }
  if (url.protocol !== 'https:') {
    throw new LiveSourceConfigError(
      `X_API_BASE_URL "${baseUrl}" must use https (the client speaks only HTTPS, and the bearer token must not travel in clear text)`,
    );
  }
  return url.href.endsWith('/') ? url.href : `${url.href}/`;
}

/** TLS options for an agent to the X API: the system CAs, plus `ca` when given. */
export function xTlsOptions(ca: XConnection['ca']): AgentOptions {
  // `ca` replaces Node's trust store, so the bundled public roots are kept next to the extra CAs.
  return ca === undefined ? {} : { ca: [...rootCertificates, ...(Array.isArray(ca) ? ca : [ca])] };
}
