import { EnvSchema } from '@hashpulse/protocol';
import { describe, expect, it } from 'vitest';
import { LiveSourceConfigError } from './errors';
import { liveSourceOptionsFromEnv } from './from-env';

describe('live source options from the environment', () => {
  it('is off unless LIVE names a stream', () => {
    expect(liveSourceOptionsFromEnv(EnvSchema.parse({ X_BEARER_TOKEN: 'abc' }))).toBeNull();
  });

  it('takes the stream, token and base URL from the environment', () => {
    const env = EnvSchema.parse({
      LIVE: 'sample',
      X_BEARER_TOKEN: ' abc ',
      X_API_BASE_URL: 'https://127.0.0.1:8443/2',
    });
    expect(liveSourceOptionsFromEnv(env)).toEqual({
      stream: 'sample',
      bearerToken: 'abc',
      baseUrl: 'https://127.0.0.1:8443/2/',
    });
  });

  it('refuses a live stream without a bearer token, naming X_BEARER_TOKEN', () => {
    const env = EnvSchema.parse({ LIVE: 'filtered' });
    expect(() => liveSourceOptionsFromEnv(env)).toThrow(LiveSourceConfigError);
    expect(() => liveSourceOptionsFromEnv(env)).toThrow(/set X_BEARER_TOKEN/);
  });

  it('refuses a base URL that is not https', () => {
    const env = EnvSchema.parse({
      LIVE: 'filtered',
      X_BEARER_TOKEN: 'abc',
      X_API_BASE_URL: 'http://api.x.com/2/',
    });
    expect(() => liveSourceOptionsFromEnv(env)).toThrow(/must use https/);
  });
});
