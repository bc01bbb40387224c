import { describe, expect, it } from 'vitest';
import { ConfigError, loadServerConfig } from '../src/config/server-config.js';

const load = (env: Record<string, string>) => loadServerConfig(env, '/srv/hashpulse', '/srv/hashpulse/web');

describe('server configuration from the environment', () => {
  it('runs the bundled demo on loopback with no variables set', () => {
    const config = load({});
    expect(config.host).toBe('127.0.0.1');
    expect(config.port).toBe(3000);
    expect(config.dataDir).toBe('/srv/hashpulse/data');
    expect(config.demoFiles).toEqual(['demo/tweets.jsonl.gz']);
    expect(config.window).toEqual({ batchIntervalMs: 1000, windowLengthMs: 60_000, slideMs: 5000 });
  });

  it('refuses to listen beyond loopback without ADMIN_TOKEN, saying what to do', () => {
    expect(() => load({ HOST: '0.0.0.0' })).toThrow(ConfigError);
    expect(() => load({ HOST: '0.0.0.0' })).toThrow(/Set ADMIN_TOKEN/);
    expect(load({ HOST: '0.0.0.0', ADMIN_TOKEN: 'long-secret' }).host).toBe('0.0.0.0');
  });

  it('names every invalid variable at once', () => {
    expect(() => load({ PORT: 'abc', BATCH_INTERVAL: '10x' })).toThrow(
      /PORT[\s\S]*BATCH_INTERVAL|BATCH_INTERVAL[\s\S]*PORT/,
    );
  });

  it('refuses a window that breaks the rules', () => {
    expect(() => load({ BATCH_INTERVAL: '10s', WINDOW_LENGTH: '45s' })).toThrow(
      /window length 45s must be a multiple of the batch interval 10s/,
    );
  });

  it('treats empty optional variables as unset', () => {
    const config = load({ ADMIN_TOKEN: '', DATABASE_URL: '', X_BEARER_TOKEN: '' });
    expect(config.adminToken).toBeNull();
    expect(config.databaseUrl).toBeNull();
    expect(config.xBearerToken).toBeNull();
  });
});

describe('live and recording settings', () => {
  it('refuses LIVE without a bearer token', () => {
    expect(() => load({ LIVE: 'filtered' })).toThrow(/LIVE=filtered needs X_BEARER_TOKEN/);
  });
  it('keeps recordings inside the data directory', () => {
    expect(load({ RECORD_DIR: 'recordings' }).recordDir).toBe('/srv/hashpulse/data/recordings');
    expect(() => load({ RECORD_DIR: '../elsewhere' })).toThrow(/inside DATA_DIR/);
  });
});
