// One place that turns thrown errors into ApiError bodies: 4xx for what the client can fix,
// 500 (logged once, details hidden) for our own failures.
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { ApiError } from '@hashpulse/protocol';
import { RequestRefusedError } from '../runtime/dashboard-runtime.js';
import { InvalidRequestError } from './validation.js';

export async function handleError(
  error: FastifyError,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<void> {
  let status = 500;
  let body: ApiError;
  if (error instanceof InvalidRequestError || error instanceof RequestRefusedError) {
    status = error.statusCode;
    body = { error: error.name, message: error.message, details: error.details };
  } else if (typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500) {
    status = error.statusCode;
    body = { error: error.code ?? 'BadRequest', message: error.message };
  } else {
    request.log.error({ err: error }, 'request failed');
    body = { error: 'InternalServerError', message: 'the server failed to handle this request; see its log' };
  }
  await reply.code(status).send(body);
}
