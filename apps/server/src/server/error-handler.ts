// One place that turns thrown errors into ApiError bodies: 4xx for what the client can fix,
// 500 (logged once, details hidden) for our own failures. Every body carries a stable `code`.
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { ApiError } from '@hashpulse/protocol';
import { HTTP_ERROR_CODES } from '../errors.js';
import { RequestRefusedError } from '../runtime/dashboard-runtime.js';
import { RateLimitedError } from './auth-rate-limit.js';
import { InvalidRequestError } from './validation.js';

export async function handleError(
  error: FastifyError,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<void> {
  let status = 500;
  let body: ApiError;
  if (
    error instanceof InvalidRequestError ||
    error instanceof RequestRefusedError ||
    error instanceof RateLimitedError
  ) {
    status = error.statusCode;
    body = { error: error.name, code: error.code, message: error.message, details: error.details };
  } else if (typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500) {
    // fastify's own (bad JSON, wrong content type, rate limit...): its FST_ERR_* code when it has one.
    status = error.statusCode;
    body = {
      error: error.code ?? 'BadRequest',
      code: error.code ?? HTTP_ERROR_CODES.badRequest,
      message: error.message,
    };
  } else {
    request.log.error({ err: error }, 'request failed');
    body = {
      error: 'InternalServerError',
      code: HTTP_ERROR_CODES.internal,
      message: 'the server failed to handle this request; see its log',
    };
  }
  await reply.code(status).send(body);
}
