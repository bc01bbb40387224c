// Control actions change what every viewer sees, so with ADMIN_TOKEN set they need it.
import { timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { HTTP_ERROR_CODES } from '../errors.js';

export function adminGuard(adminToken: string | null) {
  const expected = adminToken === null ? null : Buffer.from(adminToken);
  return async function requireAdmin(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    if (expected === null) return;
    const header = request.headers.authorization ?? '';
    const given = Buffer.from(header.startsWith('Bearer ') ? header.slice('Bearer '.length) : '');
    // Constant-time comparison so the token cannot be guessed byte by byte from response times.
    if (given.length === expected.length && timingSafeEqual(given, expected)) return;
    await reply.code(401).send({
      error: 'Unauthorized',
      code: HTTP_ERROR_CODES.unauthorized,
      message: 'this action needs the admin token: send it as "Authorization: Bearer <ADMIN_TOKEN>"',
    });
  };
}
