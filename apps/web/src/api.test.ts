// The REST client against a real HTTP server on 127.0.0.1, port 0, answering as the server's API does.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiRequestError, ApiResponseError, ApiNetworkError, createApi } from './api';
import { publicConfig, sourceStatus } from './testing/fixtures';

interface Seen {
  method: string;
  url: string;
  authorization: string | undefined;
  contentType: string | undefined;
  body: string;
}

let server: Server;
let baseUrl: string;
const seen: Seen[] = [];

function send(res: ServerResponse, status: number, body?: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(body === undefined ? undefined : JSON.stringify(body));
}

function route(req: IncomingMessage, res: ServerResponse, body: string): void {
  const key = `${req.method} ${req.url}`;
  if (key === 'PUT /api/window') {
    if (!req.headers.authorization)
      return send(res, 401, {
        error: 'Unauthorized',
        code: 'HP_ERR_SERVER_UNAUTHORIZED',
        message: 'send the admin token',
      });
    const request = JSON.parse(body) as { windowLength: string };
    if (request.windowLength === '45s') {
      return send(res, 400, {
        error: 'InvalidRequestError',
        code: 'HP_ERR_SERVER_INVALID_REQUEST',
        message: 'invalid window configuration',
        details: ['window length 45s must be a multiple of the batch interval 10s'],
      });
    }
    return send(res, 200, publicConfig());
  }
  if (key === 'POST /api/replay/pause') return send(res, 200, sourceStatus({ state: 'paused' }));
  if (key === 'GET /api/config') return send(res, 200, { window: 'nope' });
  if (key === 'DELETE /api/live/rules/a%2Fb') return send(res, 204);
  if (key === `GET /api/hashtags/${encodeURIComponent('οδοσ')}`) {
    return send(res, 200, { tag: 'ΟΔΟΣ', key: 'οδοσ', points: [], topAuthors: [] });
  }
  if (key === 'GET /api/health') {
    res.writeHead(502, { 'content-type': 'text/html' });
    return void res.end('<h1>Bad gateway</h1>');
  }
  send(res, 404, { error: 'NotFound', code: 'HP_ERR_SERVER_NOT_FOUND', message: `no route ${key}` });
}

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      seen.push({
        method: req.method ?? '',
        url: req.url ?? '',
        authorization: req.headers.authorization,
        contentType: req.headers['content-type'],
        body,
      });
      route(req, res, body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('REST client', () => {
  it('sends the admin token and the body, and returns the validated answer', async () => {
    let token = '';
    const api = createApi({ baseUrl, token: () => token });
    token = 's3cret';
    const config = await api.putWindow({ batchInterval: '1s', windowLength: '1m', slide: '5s' });
    expect(config).toEqual(publicConfig());
    const request = seen.at(-1)!;
    expect(request.authorization).toBe('Bearer s3cret');
    expect(JSON.parse(request.body)).toEqual({ batchInterval: '1s', windowLength: '1m', slide: '5s' });
    expect((await api.replay('pause')).state).toBe('paused');
  });

  it('sends every control action as JSON, {} when it has nothing to say (the server refuses other types)', async () => {
    await createApi({ baseUrl }).replay('pause');
    expect(seen.at(-1)).toMatchObject({ method: 'POST', contentType: 'application/json', body: '{}' });
  });

  it('an API error keeps its status, code and the violated rules', async () => {
    const api = createApi({ baseUrl, token: () => 't' });
    const error = await api
      .putWindow({ batchInterval: '10s', windowLength: '45s', slide: '10s' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiRequestError);
    expect(error).toMatchObject({
      status: 400,
      code: 'HP_ERR_SERVER_INVALID_REQUEST',
      details: ['window length 45s must be a multiple of the batch interval 10s'],
    });
  });

  it('without a token no authorization header is sent and 401 surfaces', async () => {
    const api = createApi({ baseUrl });
    await expect(
      api.putWindow({ batchInterval: '1s', windowLength: '1m', slide: '5s' }),
    ).rejects.toMatchObject({
      status: 401,
      message: 'send the admin token',
    });
    expect(seen.at(-1)!.authorization).toBeUndefined();
  });

  it('an answer outside the protocol is refused with the field named', async () => {
    const api = createApi({ baseUrl });
    await expect(api.config()).rejects.toThrow(ApiResponseError);
    await expect(api.config()).rejects.toThrow(/window/);
    await expect(api.health()).rejects.toThrow(/not JSON/);
  });

  it('a path parameter is encoded and an empty 204 answer is fine', async () => {
    await expect(createApi({ baseUrl }).deleteLiveRule('a/b')).resolves.toBeUndefined();
  });

  it('the drill-down asks for the count key as the server sent it, URL-encoded', async () => {
    const detail = await createApi({ baseUrl }).hashtag('οδοσ');
    expect(seen.at(-1)!.url).toBe('/api/hashtags/%CE%BF%CE%B4%CE%BF%CF%83');
    expect(detail).toMatchObject({ tag: 'ΟΔΟΣ', key: 'οδοσ' });
  });

  it('a server that does not answer gives a network error saying so', async () => {
    const api = createApi({ baseUrl: 'http://127.0.0.1:1' });
    await expect(api.health()).rejects.toThrow(ApiNetworkError);
  });
});
