// The error catalogue: every exported error class of a package and of the server carries a stable
// HP_ERR_<PACKAGE>_<WHAT> code, no two classes share one, and the API's error bodies carry it.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as engine from '@hashpulse/engine';
import * as protocol from '@hashpulse/protocol';
import { ApiErrorSchema } from '@hashpulse/protocol';
import * as tweets from '@hashpulse/tweets';
import { HashpulseError, HTTP_ERROR_CODES } from '../src/errors.js';
import type { RunningHashpulse } from '../src/start.js';
import { REPO_ROOT, startTestServer } from './support/test-server.js';

type ErrorClass = abstract new (...args: never[]) => Error;

const SERVER_SRC = path.join(REPO_ROOT, 'apps/server/src');

function isErrorClass(value: unknown): value is ErrorClass {
  return typeof value === 'function' && value.prototype instanceof Error;
}

/** Error constructors take different arguments; the first list a class accepts gives its instance. */
const ARGUMENT_LISTS: unknown[][] = [['message'], [['message']], ['message', 'file', 1, []], [0, 'x', 'x']];

function instanceOf(cls: ErrorClass): Error {
  for (const args of ARGUMENT_LISTS) {
    try {
      return Reflect.construct(cls, args) as Error;
    } catch {
      // try the next argument list
    }
  }
  throw new Error(`cannot construct ${cls.name} with any of the sample argument lists`);
}

/** The exported error classes of a module namespace, minus the package's abstract base. */
function errorClasses(namespace: Record<string, unknown>, base: ErrorClass): ErrorClass[] {
  return Object.values(namespace).filter(
    (value): value is ErrorClass => isErrorClass(value) && value !== base,
  );
}

/** Every server module (tests aside) that exports a class, so a new error class anywhere is checked. */
async function serverErrorClasses(): Promise<ErrorClass[]> {
  const files = readdirSync(SERVER_SRC, { recursive: true, encoding: 'utf8' }).filter(
    (file) =>
      file.endsWith('.ts') &&
      !file.endsWith('.test.ts') &&
      !file.includes('testing') &&
      /^export (abstract )?class \w+Error\b/m.test(readFileSync(path.join(SERVER_SRC, file), 'utf8')),
  );
  const modules = await Promise.all(
    files.map(
      (file) =>
        import(path.join(SERVER_SRC, file).replace(/\.ts$/, '.js')) as Promise<Record<string, unknown>>,
    ),
  );
  return [...new Set(modules.flatMap((namespace) => errorClasses(namespace, HashpulseError)))];
}

describe('the error catalogue', () => {
  let catalogue: { package: string; name: string; code: unknown }[];

  beforeAll(async () => {
    const packages: [string, ErrorClass[]][] = [
      ['TWEETS', errorClasses(tweets, tweets.TweetsError)],
      ['PROTOCOL', errorClasses(protocol, protocol.ProtocolError)],
      ['SERVER', await serverErrorClasses()],
      ['ENGINE', errorClasses(engine, engine.EngineError)],
    ];
    catalogue = packages.flatMap(([pkg, classes]) =>
      classes.map((cls) => ({
        package: pkg,
        name: cls.name,
        code: (instanceOf(cls) as { code?: unknown }).code,
      })),
    );
  });

  it('finds the error classes of every package', () => {
    const names = catalogue.map((entry) => entry.name);
    for (const name of [
      'InvalidWindowError',
      'TweetShapeError',
      'InvalidDurationError',
      'RequestRefusedError',
      'ConfigError',
    ])
      expect(names).toContain(name);
  });

  it('gives every error class a HP_ERR_<PACKAGE>_<WHAT> code and a name ending in Error', () => {
    for (const entry of catalogue) {
      expect(entry.code, entry.name).toMatch(new RegExp(`^HP_ERR_${entry.package}_[A-Z0-9]+(_[A-Z0-9]+)*$`));
      expect(entry.name).toMatch(/Error$/);
    }
  });

  it('never gives two errors the same code', () => {
    const codes = [...catalogue.map((entry) => entry.code), ...Object.values(HTTP_ERROR_CODES)];
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('makes every server error a HashpulseError, so callers can tell ours from others', async () => {
    for (const cls of await serverErrorClasses())
      expect(cls.prototype, cls.name).toBeInstanceOf(HashpulseError);
  });
});

describe('API error bodies', () => {
  const token = 'error-codes-test-token';
  let server: RunningHashpulse;

  beforeAll(async () => {
    server = await startTestServer({ ADMIN_TOKEN: token });
  });

  afterAll(async () => {
    await server?.close();
  });

  async function errorBody(
    route: string,
    init: { method: string; body?: string; token?: boolean; contentType?: string },
  ): Promise<[number, protocol.ApiError]> {
    const response = await fetch(`${server.url}${route}`, {
      method: init.method,
      headers: {
        ...(init.body === undefined ? {} : { 'content-type': init.contentType ?? 'application/json' }),
        ...(init.token ? { authorization: `Bearer ${token}` } : {}),
      },
      ...(init.body === undefined ? {} : { body: init.body }),
    });
    return [response.status, ApiErrorSchema.parse(await response.json())];
  }

  it('carry the code of the error that refused the request', async () => {
    const outside = JSON.stringify({ files: ['../package.json'], speed: 10 });
    expect(
      await errorBody('/api/replay/start', { method: 'POST', body: outside, token: true }),
    ).toMatchObject([400, { code: 'HP_ERR_SERVER_REQUEST_REFUSED', error: 'RequestRefusedError' }]);
    const start = JSON.stringify({ files: 'demo/tweets.jsonl.gz', speed: -3 });
    expect(await errorBody('/api/replay/start', { method: 'POST', body: start, token: true })).toMatchObject([
      400,
      { code: 'HP_ERR_SERVER_INVALID_REQUEST', error: 'InvalidRequestError' },
    ]);
  });

  it('carry a code for answers no error class stands behind: unauthorized, unknown route', async () => {
    expect(await errorBody('/api/replay/pause', { method: 'POST' })).toMatchObject([
      401,
      { code: HTTP_ERROR_CODES.unauthorized },
    ]);
    expect(await errorBody('/api/no-such-route', { method: 'GET' })).toMatchObject([
      404,
      { code: HTTP_ERROR_CODES.notFound },
    ]);
  });

  it("carry fastify's own code for what fastify refuses (malformed JSON)", async () => {
    const [status, body] = await errorBody('/api/window', { method: 'PUT', body: '{"nope', token: true });
    expect(status).toBe(400);
    expect(body.code).toMatch(/^FST_ERR_/);
  });
});
