// The guards in front of the routes: every request (reads included) must name this server in its
// Host header; a control request must come from the server's own page or carry the admin token,
// and must declare a JSON body, so no other web page can drive the server (a cross-site
// `text/plain` form or fetch needs no CORS preflight; `application/json` does, and none is granted).
import type { FastifyReply, FastifyRequest } from 'fastify';
import { HTTP_ERROR_CODES } from '../errors.js';
import type { AdminToken } from './auth.js';
import type { OriginPolicy } from './origin-policy.js';

/** Methods whose body a control route reads (DELETE and GET carry none, and need a preflight anyway). */
const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH']);

export function hostGuard(policy: OriginPolicy) {
  return async function requireOwnHost(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const host = request.headers.host;
    if (policy.hostAllowed(host)) return;
    await reply.code(421).send({
      error: 'MisdirectedRequest',
      code: HTTP_ERROR_CODES.hostNotAllowed,
      message:
        `this server does not answer to the host name in "Host: ${String(host).slice(0, 100)}" (a guard against DNS rebinding): ` +
        'open it by its IP address or localhost, or add the name to ALLOWED_HOSTS',
    });
  };
}

/** Runs before the admin token check: a foreign page is refused whether or not a token is set. */
export function sameOriginGuard(policy: OriginPolicy, token: AdminToken) {
  return async function requireSameOrigin(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const { origin, host } = request.headers;
    // A valid token is proof enough: a foreign page cannot know it.
    if (policy.originAllowed(origin, host) || token.presented(request)) return;
    await reply.code(403).send({
      error: 'Forbidden',
      code: HTTP_ERROR_CODES.crossOrigin,
      message:
        `control actions are refused from pages of another origin (${String(origin).slice(0, 100)}): ` +
        "use the server's own dashboard, or add that origin to ALLOWED_ORIGINS",
    });
  };
}

/** Runs after the admin token check, so a viewer without the token hears that first. */
export async function requireJsonBody(request: FastifyRequest, reply: FastifyReply): Promise<void> {
  if (!BODY_METHODS.has(request.method)) return;
  const type = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (type === 'application/json') return;
  await reply.code(415).send({
    error: 'UnsupportedMediaType',
    code: HTTP_ERROR_CODES.unsupportedMediaType,
    message:
      `control actions take a JSON body, got ${type === '' ? 'no content type' : `"${type}"`}: ` +
      "send 'content-type: application/json' and a JSON body ({} when there is nothing to say)",
  });
}
