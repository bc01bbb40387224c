// How a failed stream connection is classified, which decides the reconnect rule the live source
// follows: fatal (stop and say which setting to fix), rate limit (wait for X's reset), HTTP
// back-off, or a network retry, each with a message that names the cause.
import type { ClientRequest, IncomingMessage } from 'node:http';
import { ApiPartialResponseError, ApiRequestError, ApiResponseError } from 'twitter-api-v2';
import { describe, expect, it } from 'vitest';
import { classifyConnectError } from './stream-failure.js';

const request = {} as ClientRequest;
const response = {} as IncomingMessage;

function httpError(code: number, data: unknown = {}, headers: Record<string, string | string[]> = {}) {
  return new ApiResponseError(`Request failed with code ${code}`, {
    code,
    request,
    response,
    headers,
    data: data as never,
  });
}

describe('stream failure classification', () => {
  it('401 is fatal and points at the bearer token, quoting the problem body', () => {
    expect(classifyConnectError(httpError(401, { title: 'Unauthorized', detail: 'Unauthorized' }))).toEqual({
      kind: 'fatal',
      status: 401,
      message: 'the X API refused the bearer token (HTTP 401: Unauthorized): check X_BEARER_TOKEN',
    });
  });

  it("403 is fatal and points at the app's access level", () => {
    expect(
      classifyConnectError(
        httpError(403, { errors: [{ title: 'Client Forbidden', detail: 'needs Elevated access' }] }),
      ),
    ).toEqual({
      kind: 'fatal',
      status: 403,
      message:
        "the X API forbids this stream to the app (HTTP 403: Client Forbidden: needs Elevated access): check the app's access level and that X_BEARER_TOKEN belongs to it",
    });
  });

  it('429 is a rate limit that resets when x-rate-limit-reset says (epoch seconds)', () => {
    expect(
      classifyConnectError(
        httpError(429, { title: 'Too Many Requests' }, { 'x-rate-limit-reset': '1700000000' }),
      ),
    ).toEqual({
      kind: 'rate-limit',
      message: 'rate limited by the X API (HTTP 429: Too Many Requests)',
      resetAt: 1_700_000_000_000,
    });
    expect(
      classifyConnectError(httpError(429, {}, { 'x-rate-limit-reset': ['1700000001', '5'] })),
    ).toMatchObject({
      resetAt: 1_700_000_001_000,
    });
  });

  it.each([
    ['absent', {}],
    ['not a number', { 'x-rate-limit-reset': 'soon' }],
    ['zero', { 'x-rate-limit-reset': '0' }],
    ['negative', { 'x-rate-limit-reset': '-5' }],
  ])('429 with x-rate-limit-reset %s has no reset time (never NaN)', (_case, headers) => {
    expect(classifyConnectError(httpError(429, undefined, headers))).toEqual({
      kind: 'rate-limit',
      message: 'rate limited by the X API (HTTP 429)',
      resetAt: null,
    });
  });

  it('any other status is an HTTP failure with its code', () => {
    expect(
      classifyConnectError(httpError(503, { title: 'Service Unavailable', detail: 'Service Unavailable' })),
    ).toEqual({
      kind: 'http',
      status: 503,
      message: 'the X API answered HTTP 503: Service Unavailable',
    });
    expect(classifyConnectError(httpError(400, 'plain text body'))).toEqual({
      kind: 'http',
      status: 400,
      message: 'the X API answered HTTP 400',
    });
    expect(classifyConnectError(httpError(500, null))).toMatchObject({
      message: 'the X API answered HTTP 500',
    });
    expect(classifyConnectError(httpError(502, { errors: [] }))).toMatchObject({
      message: 'the X API answered HTTP 502',
    });
    expect(classifyConnectError(httpError(502, { title: 7, detail: 'only detail' }))).toMatchObject({
      message: 'the X API answered HTTP 502: only detail',
    });
  });

  it('a request that never got an answer is a network failure naming the socket error', () => {
    const cause = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
    const error = new ApiRequestError('Request failed', { request, error: cause });
    expect(classifyConnectError(error)).toEqual({
      kind: 'network',
      stalled: false,
      message: 'connection failed (ECONNRESET: socket hang up)',
    });
  });

  it('a connection that broke during the response is a network failure', () => {
    const error = new ApiPartialResponseError(
      'Response has been interrupted before response could be parsed',
      {
        request,
        response,
        responseError: new Error('aborted'),
        rawContent: [],
      } as never,
    );
    expect(classifyConnectError(error)).toEqual({
      kind: 'network',
      stalled: false,
      message:
        'connection broke during the response (Response has been interrupted before response could be parsed)',
    });
  });

  it('anything unexpected is retried as a network failure and keeps its message', () => {
    expect(classifyConnectError(new TypeError('boom'))).toEqual({
      kind: 'network',
      stalled: false,
      message: 'connection failed (TypeError: boom)',
    });
    expect(classifyConnectError('a string')).toEqual({
      kind: 'network',
      stalled: false,
      message: 'connection failed (a string)',
    });
  });
});
