// The server's error base. Every error the server throws on purpose extends it and carries a
// stable `code` (HP_ERR_SERVER_*, as fastify's FST_ERR_* catalogue): programs and the API's error
// body match on the code, while the message (which says what to do) may be reworded.

export type ServerErrorCode = `HP_ERR_SERVER_${string}`;

export abstract class HashpulseError extends Error {
  abstract readonly code: ServerErrorCode;
}

/** Codes of API error bodies that no error class stands behind (answers the server gives directly). */
export const HTTP_ERROR_CODES = {
  /** A control action without the admin token. */
  unauthorized: 'HP_ERR_SERVER_UNAUTHORIZED',
  /** A Host header that does not name this server (DNS rebinding guard). */
  hostNotAllowed: 'HP_ERR_SERVER_HOST_NOT_ALLOWED',
  /** A control action from a page of another origin. */
  crossOrigin: 'HP_ERR_SERVER_CROSS_ORIGIN',
  /** A control action whose body is not declared as JSON. */
  unsupportedMediaType: 'HP_ERR_SERVER_UNSUPPORTED_MEDIA_TYPE',
  /** No route for this method and path. */
  notFound: 'HP_ERR_SERVER_NOT_FOUND',
  /** A 4xx from fastify or a plugin that carries no code of its own. */
  badRequest: 'HP_ERR_SERVER_BAD_REQUEST',
  /** Our own failure; the details are in the server's log, never in the body. */
  internal: 'HP_ERR_SERVER_INTERNAL',
} as const satisfies Record<string, ServerErrorCode>;
