import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadServerConfig, resolveListenAddress } from '../src/config/server-config.js';

const LONG_TOKEN = 'a-random-secret-of-48-characters-0123456789abcdef';
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

  it('decodes replays on the main thread unless DECODE_THREADS asks for threads, and refuses nonsense', () => {
    expect(load({}).decodeThreads).toBe(0);
    expect(load({ DECODE_THREADS: 'auto' }).decodeThreads).toBe(os.availableParallelism() - 1);
    expect(load({ DECODE_THREADS: '0' }).decodeThreads).toBe(0);
    expect(load({ DECODE_THREADS: '3' }).decodeThreads).toBe(3);
    for (const bad of ['-1', '1.5', 'many', '65'])
      expect(() => load({ DECODE_THREADS: bad }), bad).toThrow(/DECODE_THREADS/);
  });

  it('scores sentiment with the learned model unless SENTIMENT=lexicon, and refuses other scorers', () => {
    expect(load({}).sentiment).toBe('model');
    expect(load({ SENTIMENT: 'lexicon' }).sentiment).toBe('lexicon');
    expect(load({ SENTIMENT: 'model' }).sentiment).toBe('model');
    expect(() => load({ SENTIMENT: 'vader' })).toThrow(ConfigError);
    expect(() => load({ SENTIMENT: 'vader' })).toThrow(/SENTIMENT/);
  });

  it('is one process (ROLE=all) by default; the cluster roles need REDIS_URL and a merge wait past the lease', () => {
    expect(load({}).role).toBe('all');
    expect(load({}).cluster).toBeNull();
    expect(() => load({ ROLE: 'worker' })).toThrow(/ROLE=worker needs REDIS_URL/);
    expect(() => load({ ROLE: 'nodes' })).toThrow(ConfigError);
    expect(() => load({ ROLE: 'web', REDIS_URL: 'redis://r:6379', CLUSTER_LEASE: '30s' })).toThrow(
      /CLUSTER_MERGE_WAIT \(30000 ms\) must be longer than CLUSTER_LEASE \(30000 ms\)/,
    );
    expect(load({ ROLE: 'ingest', REDIS_URL: 'redis://r:6379', CLUSTER_PARTITIONS: '16' }).cluster).toEqual({
      redisUrl: 'redis://r:6379',
      partitions: 16,
      prefix: 'hashpulse',
      streamMaxLen: 1_000_000,
      leaseMs: 10_000,
      mergeWaitMs: 30_000,
    });
    expect(() => load({ ROLE: 'worker', REDIS_URL: 'redis://r:6379', CLUSTER_PARTITIONS: '0' })).toThrow(
      ConfigError,
    );
  });

  it('refuses to listen beyond loopback without ADMIN_TOKEN, saying what to do', () => {
    expect(() => load({ HOST: '0.0.0.0' })).toThrow(ConfigError);
    expect(() => load({ HOST: '0.0.0.0' })).toThrow(/Set ADMIN_TOKEN/);
    expect(load({ HOST: '0.0.0.0', ADMIN_TOKEN: LONG_TOKEN }).host).toBe('0.0.0.0');
  });

  it('refuses an ADMIN_TOKEN shorter than 32 characters beyond loopback, and says how to make one', () => {
    for (const HOST of ['0.0.0.0', '::', '192.168.1.20']) {
      expect(() => load({ HOST, ADMIN_TOKEN: 'x' })).toThrow(ConfigError);
      expect(() => load({ HOST, ADMIN_TOKEN: LONG_TOKEN.slice(0, 31) })).toThrow(
        /31-character ADMIN_TOKEN: beyond loopback it must be at least 32 characters.*openssl rand -hex 24/,
      );
    }
    // On loopback a short token is the owner's choice.
    expect(load({ HOST: '127.0.0.1', ADMIN_TOKEN: 'x' }).adminToken).toBe('x');
    expect(load({ HOST: '::1', ADMIN_TOKEN: 'x' }).adminToken).toBe('x');
  });

  it('judges a host name by the address it resolves to, not by its spelling', async () => {
    // Spelled like loopback, resolves to nothing (or anywhere): never waved through as loopback.
    await expect(resolveListenAddress({ host: '127.evil.example', adminToken: null })).rejects.toThrow(
      ConfigError,
    );
    await expect(resolveListenAddress({ host: 'localhost', adminToken: null })).resolves.toMatch(
      /^(127\.|::1$)/,
    );
    await expect(resolveListenAddress({ host: '0.0.0.0', adminToken: 'short' })).rejects.toThrow(
      /5-character ADMIN_TOKEN/,
    );
    await expect(resolveListenAddress({ host: '0.0.0.0', adminToken: LONG_TOKEN })).resolves.toBe('0.0.0.0');
  });

  it('answers to localhost, HOST and ALLOWED_HOSTS by name, and checks ALLOWED_ORIGINS are origins', () => {
    expect(load({}).allowedHosts).toEqual(['localhost']);
    expect(
      load({ HOST: 'Dash.Example.com', ADMIN_TOKEN: LONG_TOKEN, ALLOWED_HOSTS: 'a.example, b.example.' })
        .allowedHosts,
    ).toEqual(['localhost', 'dash.example.com', 'a.example', 'b.example']);
    expect(() => load({ ALLOWED_HOSTS: 'http://a.example' })).toThrow(
      /ALLOWED_HOSTS: "http:\/\/a.example" is not a host name/,
    );
    expect(
      load({ ALLOWED_ORIGINS: 'https://Dash.example.com, http://localhost:5173' }).allowedOrigins,
    ).toEqual(['https://dash.example.com', 'http://localhost:5173']);
    expect(() => load({ ALLOWED_ORIGINS: '*' })).toThrow(/any web page/);
    expect(() => load({ ALLOWED_ORIGINS: 'https://dash.example.com/app' })).toThrow(/is not an origin/);
    expect(() => load({ ALLOWED_ORIGINS: 'dash.example.com' })).toThrow(/is not an origin/);
  });

  it('takes HOST as a name without its trailing dot, and one-letter names in ALLOWED_HOSTS', () => {
    expect(load({ HOST: 'Dash.Example.com.', ADMIN_TOKEN: LONG_TOKEN }).allowedHosts).toEqual([
      'localhost',
      'dash.example.com',
    ]);
    expect(load({ ALLOWED_HOSTS: 'a, b.' }).allowedHosts).toEqual(['localhost', 'a', 'b']);
  });

  it('refuses ALLOWED_ORIGINS entries that would trust every page, or that are more than scheme://host[:port]', () => {
    // "null" is what sandboxed frames and file: pages send: trusting it trusts any of them.
    expect(() => load({ ALLOWED_ORIGINS: 'https://a.example, null' })).toThrow(
      'ALLOWED_ORIGINS: "null" would let any web page control and read the server',
    );
    for (const origin of [
      'ftp://dash.example.com',
      'ws://dash.example.com',
      'https://user@dash.example.com',
      'https://:secret@dash.example.com',
      'https://dash.example.com/?x=1',
      'https://dash.example.com/#top',
    ]) {
      expect(() => load({ ALLOWED_ORIGINS: origin }), origin).toThrow(
        `ALLOWED_ORIGINS: "${origin}" is not an origin: write scheme://host[:port] with nothing after it`,
      );
    }
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
