// Hostile pages against the default set-up (loopback, no ADMIN_TOKEN): a cross-site form or fetch,
// DNS rebinding (a foreign Host header) and a foreign-origin socket are refused; the server's own
// page, non-browser clients and origins listed in ALLOWED_ORIGINS keep working.
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io as connect } from 'socket.io-client';
import type { RunningHashpulse } from '../src/start.js';
import { getJson, nextEvent, startTestServer } from './support/test-server.js';

interface RawResponse {
  status: number;
  body: string;
}

/** node:http rather than fetch: fetch does not let a caller choose the Host header. */
function raw(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string },
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: options.method ?? 'GET', headers: options.headers ?? {} }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

/** Resolves 'connected' or 'refused' for one socket.io client sending these headers. */
function tryConnect(
  url: string,
  transport: 'websocket' | 'polling',
  headers: Record<string, string>,
): Promise<'connected' | 'refused'> {
  const client = connect(url, {
    transports: [transport],
    reconnection: false,
    forceNew: true,
    extraHeaders: headers,
    timeout: 10_000,
  });
  return new Promise((resolve) => {
    client.once('snapshot', () => {
      client.close();
      resolve('connected');
    });
    client.once('connect_error', () => {
      client.close();
      resolve('refused');
    });
  });
}

describe('a loopback server without ADMIN_TOKEN, against other web pages', () => {
  let server: RunningHashpulse;
  let origin: string;
  let host: string;

  beforeAll(async () => {
    server = await startTestServer();
    origin = server.url;
    host = new URL(server.url).host;
  });
  afterAll(async () => {
    await server?.close();
  });

  const replayState = async () => (await getJson(`${server.url}/api/snapshot`)).status.state as string;

  it('refuses a cross-site text/plain POST (a form or a no-preflight fetch) and changes nothing', async () => {
    expect(await replayState()).toBe('running');
    const fromEvil = await raw(`${server.url}/api/replay/stop`, {
      method: 'POST',
      headers: { origin: 'http://evil.example', 'content-type': 'text/plain' },
      body: '{}',
    });
    expect(fromEvil.status).toBe(403);
    expect(JSON.parse(fromEvil.body)).toMatchObject({
      code: 'HP_ERR_SERVER_CROSS_ORIGIN',
      message: expect.stringMatching(/another origin \(http:\/\/evil\.example\).*ALLOWED_ORIGINS/),
    });
    // Without an Origin (a browser that strips it), the content type alone refuses it.
    const noOrigin = await raw(`${server.url}/api/replay/pause`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: 'x',
    });
    expect(noOrigin.status).toBe(415);
    expect(JSON.parse(noOrigin.body)).toMatchObject({
      code: 'HP_ERR_SERVER_UNSUPPORTED_MEDIA_TYPE',
      message: expect.stringMatching(/JSON body.*application\/json/),
    });
    const nullOrigin = await raw(`${server.url}/api/replay/pause`, {
      method: 'POST',
      headers: { origin: 'null', 'content-type': 'application/json' },
      body: '{}',
    });
    expect(nullOrigin.status).toBe(403);
    const noType = await raw(`${server.url}/api/replay/pause`, { method: 'POST', headers: { origin } });
    expect(noType.status).toBe(415);
    expect(await replayState()).toBe('running');
  });

  it("takes control from the server's own page and from non-browser clients, as JSON", async () => {
    const own = await raw(`${server.url}/api/replay/pause`, {
      method: 'POST',
      headers: { origin, 'content-type': 'application/json; charset=utf-8' },
      body: '{}',
    });
    expect(own.status).toBe(200);
    expect(JSON.parse(own.body).state).toBe('paused');
    const script = await raw(`${server.url}/api/replay/resume`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(JSON.parse(script.body).state).toBe('running');
    // The Vite dev server proxies with the browser's Host, so its page is same-origin too.
    const viaVite = await raw(`${server.url}/api/replay/resume`, {
      method: 'POST',
      headers: {
        host: 'localhost:5173',
        origin: 'http://localhost:5173',
        'content-type': 'application/json',
      },
      body: '{}',
    });
    expect(viaVite.status).toBe(200);
  });

  it('refuses a rebinding Host on every route, reads and the dashboard included', async () => {
    for (const [method, path] of [
      ['GET', '/api/health'],
      ['GET', '/api/snapshot'],
      ['GET', '/api/replay/files'],
      ['GET', '/metrics'],
      ['GET', '/'],
      ['POST', '/api/replay/stop'],
    ] as const) {
      const response = await raw(`${server.url}${path}`, {
        method,
        headers: { host: `evil.example:${new URL(server.url).port}`, 'content-type': 'application/json' },
        ...(method === 'POST' ? { body: '{}' } : {}),
      });
      expect(response.status, `${method} ${path}`).toBe(421);
      expect(JSON.parse(response.body)).toMatchObject({
        code: 'HP_ERR_SERVER_HOST_NOT_ALLOWED',
        message: expect.stringMatching(/evil\.example.*DNS rebinding.*ALLOWED_HOSTS/),
      });
    }
    // Spelled like loopback is not loopback.
    expect((await raw(`${server.url}/api/health`, { headers: { host: '127.evil.example' } })).status).toBe(
      421,
    );
    // Its own names and addresses answer.
    for (const name of [host, `localhost:${new URL(server.url).port}`, '127.0.0.1', '[::1]:3000'])
      expect((await raw(`${server.url}/api/health`, { headers: { host: name } })).status, name).toBe(200);
    expect(await replayState()).toBe('running');
  });

  it('refuses a socket from a foreign origin or Host, while its own page connects', async () => {
    for (const transport of ['websocket', 'polling'] as const) {
      expect(await tryConnect(server.url, transport, { origin: 'http://evil.example' }), transport).toBe(
        'refused',
      );
      expect(await tryConnect(server.url, transport, { origin }), transport).toBe('connected');
      // Node clients send no Origin: not a browser, so not a page to guard against.
      expect(await tryConnect(server.url, transport, {}), transport).toBe('connected');
    }
    // (The polling client cannot choose its Host header; the WebSocket one can.)
    expect(await tryConnect(server.url, 'websocket', { host: 'evil.example' })).toBe('refused');
  });
});

describe('ALLOWED_ORIGINS', () => {
  let server: RunningHashpulse;
  beforeAll(async () => {
    server = await startTestServer({ ALLOWED_ORIGINS: 'https://dashboard.example.com' });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('lets a listed origin control and read the stream, and no other', async () => {
    const listed = await raw(`${server.url}/api/replay/pause`, {
      method: 'POST',
      headers: { origin: 'https://dashboard.example.com', 'content-type': 'application/json' },
      body: '{}',
    });
    expect(listed.status).toBe(200);
    expect(await tryConnect(server.url, 'websocket', { origin: 'https://dashboard.example.com' })).toBe(
      'connected',
    );
    expect(await tryConnect(server.url, 'websocket', { origin: 'https://other.example.com' })).toBe(
      'refused',
    );
  });
});

describe('a server with ADMIN_TOKEN, against other web pages', () => {
  const token = 'same-origin-test-token-of-enough-length';
  let server: RunningHashpulse;
  beforeAll(async () => {
    server = await startTestServer({ ADMIN_TOKEN: token });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('accepts the token from any client, still only as JSON', async () => {
    const withToken = await raw(`${server.url}/api/replay/pause`, {
      method: 'POST',
      headers: {
        origin: 'http://tool.example',
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
      },
      body: '{}',
    });
    expect(withToken.status).toBe(200);
    const textPlain = await raw(`${server.url}/api/replay/resume`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'text/plain' },
      body: '{}',
    });
    expect(textPlain.status).toBe(415);
    const client = connect(server.url, { transports: ['websocket'], reconnection: false, forceNew: true });
    await nextEvent(client, 'snapshot');
    client.close();
  });
});
