import https from 'node:https';
import type { IncomingMessage } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { OPERATIONAL_DISCONNECT, recordedStreamMessages, startXApiServer, type XApiServer } from './index.js';

let server: XApiServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** A raw HTTPS GET that trusts the test CA; resolves with the response as soon as headers arrive. */
function get(s: XApiServer, path: string, token = s.bearerToken): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const url = new URL(path, s.url);
    https
      .get(url, { ca: s.caPem, headers: { authorization: `Bearer ${token}` }, agent: false }, resolve)
      .on('error', reject);
  });
}

function readAll(res: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    res.on('data', (chunk: Buffer) => chunks.push(chunk));
    res.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    res.on('error', reject);
  });
}

describe('local X API test server', () => {
  it('streams messages as \\r\\n-terminated JSON lines with keep-alives, then ends on request', async () => {
    server = await startXApiServer({ keepAliveMs: 10 });
    const messages = recordedStreamMessages().slice(0, 3);
    server.control.plan({ kind: 'stream', messages, after: 'hold' });
    const res = await get(server, 'tweets/sample/stream');
    expect(res.statusCode).toBe(200);
    const body = readAll(res);
    await new Promise((resolve) => setTimeout(resolve, 100));
    server.control.disconnectOperationally();
    const text = await body;
    const lines = text.split('\r\n');
    expect(lines.slice(0, 3).map((line) => (JSON.parse(line) as { data: { id: string } }).data.id)).toEqual(
      messages.map((m) => m.data.id),
    );
    expect(lines.filter((line) => line === '').length).toBeGreaterThan(2);
    expect(JSON.parse(lines.at(-2)!)).toEqual(OPERATIONAL_DISCONNECT);
  });

  it('counts a client that opens a second stream connection, and answers it 429 TooManyConnections', async () => {
    server = await startXApiServer({ defaultPlan: { kind: 'stream', messages: [], after: 'hold' } });
    const first = await get(server, 'tweets/search/stream');
    const second = await get(server, 'tweets/search/stream');
    expect(first.statusCode).toBe(200);
    expect(second.statusCode).toBe(429);
    expect(JSON.parse(await readAll(second))).toMatchObject({ connection_issue: 'TooManyConnections' });
    expect(Number(second.headers['x-rate-limit-reset'])).toBeGreaterThan(Date.now() / 1000);
    expect(server.control.stats()).toMatchObject({ maxConcurrent: 2, total: 2 });
    first.destroy();
    await server.control.waitFor(() => server!.control.stats().open === 0, 5_000, 'both closed');
  });

  it('answers 401 with the API problem body to a wrong token', async () => {
    server = await startXApiServer();
    const res = await get(server, 'tweets/search/stream/rules', 'wrong');
    expect(res.statusCode).toBe(401);
    expect(res.headers['content-type']).toBe('application/problem+json');
    expect(JSON.parse(await readAll(res))).toEqual({
      title: 'Unauthorized',
      type: 'about:blank',
      status: 401,
      detail: 'Unauthorized',
    });
  });

  it('answers a planned 429 with the reset time in epoch seconds', async () => {
    server = await startXApiServer();
    const resetAt = Date.parse('2030-01-01T00:00:00Z');
    server.control.plan({ kind: 'http-error', status: 429, rateLimitResetAt: resetAt });
    const res = await get(server, 'tweets/search/stream');
    expect(res.statusCode).toBe(429);
    expect(res.headers['x-rate-limit-reset']).toBe(String(resetAt / 1000));
    expect(res.headers['x-rate-limit-remaining']).toBe('0');
  });

  it('builds stream messages from the real recordings with authors and referenced tweets in includes', () => {
    const messages = recordedStreamMessages();
    expect(messages.length).toBeGreaterThan(200);
    expect(new Set(messages.map((m) => m.data.id)).size).toBe(messages.length);
    for (const message of messages) {
      expect(message.includes?.users?.[0]?.id).toBe(message.data.author_id);
      const referenced = new Set(message.includes?.tweets?.map((t) => t.id));
      for (const id of referenced) {
        expect(message.data.referenced_tweets?.map((r) => r.id)).toContain(id);
      }
    }
  });
});
