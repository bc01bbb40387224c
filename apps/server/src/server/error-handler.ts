// One place that turns thrown errors into ApiError bodies: 4xx for what the client can fix,
// 500 (logged once, details hidden) for our own failures. Every body carries a stable `code`.
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { ApiError } from '@hashpulse/protocol';
import { HashpulseError, HTTP_ERROR_CODES } from '../errors.js';

/** Our errors that the client can fix carry the 4xx status to answer with (and maybe details). */
function clientError(error: unknown): (HashpulseError & { statusCode: number; details?: string[] }) | null {
  if (!(error instanceof HashpulseError)) return null;
  const status = (error as { statusCode?: unknown }).statusCode;
  return typeof status === 'number' && status >= 400 && status < 500
    ? (error as HashpulseError & { statusCode: number })
    : null;
}

export async function handleError(
  error: FastifyError,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<void> {
  let status = 500;
  let body: ApiError;
  const ours = clientError(error);
  if (ours !== null) {
    status = ours.statusCode;
    body = { error: ours.name, code: ours.code, message: ours.message, details: ours.details ?? [] };
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
