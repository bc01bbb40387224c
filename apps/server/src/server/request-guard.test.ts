// The guards in front of the routes on a real fastify instance: the status, stable code and
// message of each refusal, and the requests each one lets through.
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HTTP_ERROR_CODES } from '../errors.js';
import { adminToken } from './auth.js';
import { createOriginPolicy } from './origin-policy.js';
import { hostGuard, requireJsonBody, sameOriginGuard } from './request-guard.js';

const TOKEN = 'a-random-secret-of-48-characters-0123456789abcdef';
const policy = createOriginPolicy({ allowedHosts: ['localhost'], allowedOrigins: [] });
let app: FastifyInstance;

beforeAll(async () => {
  app = Fastify();
  app.addHook('onRequest', hostGuard(policy));
  const control = { onRequest: sameOriginGuard(policy, adminToken(TOKEN)), preHandler: requireJsonBody };
  for (const method of ['POST', 'PUT', 'PATCH', 'DELETE', 'GET'] as const)
    app.route({ method, url: '/control', ...control, handler: async () => ({ ok: true }) });
  app.get('/read', async () => ({ ok: true }));
  await app.ready();
});
afterAll(async () => {
  await app.close();
});

describe('the Host guard', () => {
  it('answers 421 with its code to a foreign Host, quoting at most 100 characters of it', async () => {
    const host = `evil-${'x'.repeat(200)}.example`;
    const reply = await app.inject({ method: 'GET', url: '/read', headers: { host } });
    expect(reply.statusCode).toBe(421);
    const body = reply.json<{ error: string; code: string; message: string }>();
    expect(body.error).toBe('MisdirectedRequest');
    expect(body.code).toBe(HTTP_ERROR_CODES.hostNotAllowed);
    expect(body.message).toContain(`"Host: ${host.slice(0, 100)}"`);
    expect(body.message).not.toContain(host.slice(0, 101));
    expect(body.message).toMatch(/add the name to ALLOWED_HOSTS$/);
  });

  it('lets its own names through', async () => {
    for (const host of ['localhost:3000', '127.0.0.1:3000'])
      expect((await app.inject({ method: 'GET', url: '/read', headers: { host } })).statusCode).toBe(200);
  });
});

describe('the same-origin guard', () => {
  it('answers 403 with its code to a foreign page, quoting at most 100 characters of its origin', async () => {
    const origin = `http://evil-${'y'.repeat(200)}.example`;
    const reply = await app.inject({
      method: 'POST',
      url: '/control',
      headers: { host: 'localhost:3000', origin, 'content-type': 'application/json' },
      payload: '{}',
    });
    expect(reply.statusCode).toBe(403);
    const body = reply.json<{ error: string; code: string; message: string }>();
    expect(body.error).toBe('Forbidden');
    expect(body.code).toBe(HTTP_ERROR_CODES.crossOrigin);
    expect(body.message).toContain(`(${origin.slice(0, 100)})`);
    expect(body.message).not.toContain(origin.slice(0, 101));
  });

  it('lets a foreign page through with the admin token (it cannot know it)', async () => {
    const reply = await app.inject({
      method: 'POST',
      url: '/control',
      headers: {
        host: 'localhost:3000',
        origin: 'http://evil.example',
        authorization: `Bearer ${TOKEN}`,
        'content-type': 'application/json',
      },
      payload: '{}',
    });
    expect(reply.statusCode).toBe(200);
  });
});

describe('the JSON body guard', () => {
  const send = (method: 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'GET', contentType?: string) =>
    app.inject({
      method,
      url: '/control',
      headers: {
        host: 'localhost:3000',
        ...(contentType === undefined ? {} : { 'content-type': contentType }),
      },
      ...(contentType === undefined ? {} : { payload: /json/i.test(contentType) ? '{}' : 'x=1' }),
    });

  it('refuses a POST, PUT or PATCH that is not declared JSON with 415, its code and the type it got', async () => {
    for (const method of ['POST', 'PUT', 'PATCH'] as const) {
      const reply = await send(method, 'Text/Plain; charset=utf-8');
      expect([method, reply.statusCode]).toEqual([method, 415]);
      const body = reply.json<{ error: string; code: string; message: string }>();
      expect(body.error).toBe('UnsupportedMediaType');
      expect(body.code).toBe(HTTP_ERROR_CODES.unsupportedMediaType);
      expect(body.message).toMatch(/^control actions take a JSON body, got "text\/plain": /);
    }
  });

  it('says when a body came with no content type at all', async () => {
    const reply = await send('POST');
    expect(reply.statusCode).toBe(415);
    expect(reply.json<{ message: string }>().message).toMatch(
      /^control actions take a JSON body, got no content type: /,
    );
  });

  it('takes JSON in any case and with parameters, and methods without a body as they are', async () => {
    expect((await send('POST', 'Application/JSON; charset=utf-8')).statusCode).toBe(200);
    expect((await send('PATCH', ' application/json ')).statusCode).toBe(200);
    expect((await send('DELETE')).statusCode).toBe(200);
    expect((await send('GET')).statusCode).toBe(200);
  });
});
