// Control actions change what every viewer sees, so with ADMIN_TOKEN set they need it.
import { timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { HTTP_ERROR_CODES } from '../errors.js';

export interface AdminToken {
  /** A token is configured: control needs it. */
  readonly required: boolean;
  /** The request carries the configured token (false when none is configured). */
  presented(request: FastifyRequest): boolean;
}

export function adminToken(token: string | null): AdminToken {
  const expected = token === null ? null : Buffer.from(token);
  return {
    required: expected !== null,
    presented(request) {
      if (expected === null) return false;
      // The scheme is case-insensitive (RFC 9110 §11.1): "bearer" is as good as "Bearer".
      const match = /^bearer +(.*)$/i.exec(request.headers.authorization ?? '');
      const given = Buffer.from(match?.[1]?.trim() ?? '');
      // Constant-time comparison so the token cannot be guessed byte by byte from response times.
      return given.length === expected.length && timingSafeEqual(given, expected);
    },
  };
}

export function adminGuard(token: AdminToken) {
  return async function requireAdmin(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    if (!token.required || token.presented(request)) return;
    await reply.code(401).send({
      error: 'Unauthorized',
      code: HTTP_ERROR_CODES.unauthorized,
      message: 'this action needs the admin token: send it as "Authorization: Bearer <ADMIN_TOKEN>"',
    });
  };
}
