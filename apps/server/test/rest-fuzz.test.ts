// Fuzzing the REST bodies of the real server: whatever JSON (or not quite JSON) reaches a control
// route, the answer is a success or a 4xx with the standard error body, never a 5xx, and the
// server keeps answering. Bounded runs (fast-check), over loopback.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiErrorSchema } from '@hashpulse/protocol';
import type { RunningHashpulse } from '../src/start.js';
import { startTestServer } from './support/test-server.js';

let server: RunningHashpulse;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

const ROUTES: Array<['PUT' | 'POST', string]> = [
  ['PUT', '/api/window'],
  ['POST', '/api/replay/start'],
  ['POST', '/api/replay/speed'],
  ['POST', '/api/replay/pause'],
  ['POST', '/api/replay/resume'],
  ['POST', '/api/live/start'],
  ['POST', '/api/live/rules'],
];

/** Values close to what the routes take, so the fuzz reaches past the first check. */
const field = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.constantFrom('1s', '0s', '-5m', '30d', '31d', '1e400', '5m', 'max', '10', 'NaN', '../../etc/passwd'),
  fc.integer(),
  fc.double(),
  fc.array(fc.string({ maxLength: 40 }), { maxLength: 4 }),
);
const body = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.dictionary(
    fc.constantFrom(
      'batchInterval',
      'windowLength',
      'slide',
      'files',
      'speed',
      'loop',
      'gap',
      'stream',
      'value',
      'tag',
      '__proto__',
      'constructor',
    ),
    field,
  ),
);

async function send(method: string, route: string, text: string): Promise<Response> {
  return fetch(`${server.url}${route}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: text,
  });
}

async function expectClientAnswer(response: Response): Promise<void> {
  expect(response.status, `${response.status}`).toBeLessThan(500);
  const text = await response.text();
  if (response.status >= 400) {
    const parsed = ApiErrorSchema.safeParse(JSON.parse(text));
    expect(parsed.success, text).toBe(true);
  }
}

describe('REST bodies (fuzz)', () => {
  it('answers any JSON body on a control route with a success or a 4xx error body, never a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...ROUTES), body, async ([method, route], value) => {
        await expectClientAnswer(await send(method, route, JSON.stringify(value)));
      }),
      { numRuns: 150 },
    );
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
  });

  it('answers bodies that are not JSON, or cut off, with a 4xx', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...ROUTES),
        fc.oneof(
          fc.string({ maxLength: 200 }),
          body.map((value) => JSON.stringify(value).slice(0, -1)),
        ),
        async ([method, route], text) => {
          fc.pre(text !== '' && !isJson(text));
          const response = await send(method, route, text);
          expect(response.status).toBeGreaterThanOrEqual(400);
          await expectClientAnswer(response);
        },
      ),
      { numRuns: 80 },
    );
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
  });
});

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
