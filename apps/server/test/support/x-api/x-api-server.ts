// A local HTTPS server that speaks the X API v2 streaming protocol (filtered and sample stream,
// stream rules) with the failures a live client must survive, scripted per connection by tests.
// One file over 400 lines: the stream, the rules endpoints and the scripted failures share one
// connection registry, and tests script them together.
import https from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createGzip, type Gzip } from 'node:zlib';
import type { AddressInfo } from 'node:net';
import { testCertificates } from './certificates.js';
import { recordedStreamMessages, type StreamMessage } from './recorded-messages.js';
import { RuleBook, type StreamRule } from './rule-book.js';

export type StreamEndpoint = 'filtered' | 'sample';

/** What the server does once a connection has sent everything it was planned with. */
export type AfterMessages =
  /** Stay open, sending keep-alives, until the test acts (drop, stall, end...). */
  | 'hold'
  /** Destroy the socket mid-stream: the client sees a dropped TCP connection. */
  | 'drop'
  /** Keep the socket open but send nothing more, not even keep-alives. */
  | 'stall'
  /** End the response cleanly, as when X closes a stream. */
  | 'end'
  /** Send X's operational-disconnect error message, then end the response. */
  | 'operational-disconnect';

/** How the server answers one stream connection; plans are used up in order, one per connection. */
export type ConnectionPlan =
  | {
      kind: 'stream';
      /** Messages to send (objects are serialised; strings are sent as they are). */
      messages?: (StreamMessage | string)[];
      /** Wall-time pause between messages, for demos; 0 sends them back to back. */
      paceMs?: number;
      /** Text written after the messages with no line break: a message cut off (use with 'drop'). */
      partial?: string;
      after?: AfterMessages;
    }
  /** An HTTP error with the real API's body; 429 carries x-rate-limit-* headers. */
  | { kind: 'http-error'; status: number; rateLimitResetAt?: number }
  /** Destroys the socket before any response: a TCP reset while connecting. */
  | { kind: 'reset' }
  /** Accepts the request and never answers (a stall before the response headers). */
  | { kind: 'no-response' };

export interface XApiServerOptions {
  /** The bearer token the server accepts; anything else gets a 401. */
  bearerToken?: string;
  /** Interval of the `\r\n` keep-alives on open streams (X sends one every 20 s). */
  keepAliveMs?: number;
  /** Messages a stream connection sends when its plan names none (default: the real recordings). */
  messages?: (StreamMessage | string)[];
  /** Plan used when the queue is empty (default: stream the messages, then hold). */
  defaultPlan?: ConnectionPlan;
  /** Writes each message in pieces of this many bytes, so messages and characters straddle chunks. */
  chunkBytes?: number;
  /** Stream connections the account may hold at once; more get X's 429 TooManyConnections. */
  maxStreamConnections?: number;
  /** Gzip stream bodies for clients that accept it (as X does), flushed after every write. */
  gzip?: boolean;
}

export interface RequestRecord {
  method: string;
  path: string;
  query: Record<string, string>;
  authorization: string | undefined;
  /** The response's content-encoding ("gzip" when the stream body was compressed). */
  responseEncoding: string | undefined;
  at: number;
}

export interface StreamConnectionStats {
  /** Stream requests being served now (from request to socket close). */
  open: number;
  /** The most stream requests that were ever open at the same time. */
  maxConcurrent: number;
  /** Every stream request received. */
  total: number;
}

export interface XApiControl {
  /** Queues how the next stream connections are answered, one plan per connection. */
  plan(...plans: ConnectionPlan[]): void;
  /** Sends a message to every open stream. */
  send(message: StreamMessage | string): void;
  /** Destroys every open stream's socket (a dropped connection). */
  dropStreams(): void;
  /** Stops all writes, keep-alives included, on every open stream. */
  stallStreams(): void;
  /** Sends the operational-disconnect message on every open stream and ends it. */
  disconnectOperationally(): void;
  stats(): StreamConnectionStats;
  /** Every request received, in order. */
  requests(): RequestRecord[];
  rules(): StreamRule[];
  /** Resolves once `predicate` holds, polling; rejects after `timeoutMs` so no test hangs. */
  waitFor(predicate: () => boolean, timeoutMs?: number, what?: string): Promise<void>;
}

export interface XApiServer {
  /** The API base URL, ending in `/2/` like https://api.x.com/2/ (the client's X_API_BASE_URL). */
  url: string;
  /** The test CA certificate the client must trust. */
  caPem: string;
  /** The bearer token the server accepts. */
  bearerToken: string;
  control: XApiControl;
  close(): Promise<void>;
}

const STREAM_PATHS: Record<string, StreamEndpoint> = {
  '/2/tweets/search/stream': 'filtered',
  '/2/tweets/sample/stream': 'sample',
};
const RULES_PATH = '/2/tweets/search/stream/rules';

export const OPERATIONAL_DISCONNECT = {
  errors: [
    {
      title: 'operational-disconnect',
      disconnect_type: 'OperationalDisconnect',
      detail: 'This stream has been disconnected for operational reasons.',
      type: 'https://api.twitter.com/2/problems/operational-disconnect',
    },
  ],
};

interface OpenStream {
  endpoint: StreamEndpoint;
  res: ServerResponse;
  /** The body: `res`, or a gzip stream in front of it. */
  body: BodyWriter;
  stalled: boolean;
  keepAlive: NodeJS.Timeout;
}

/** Writes a stream body as it should reach the wire: every write is flushed at once. */
interface BodyWriter {
  write(data: Buffer | string): void;
  end(data?: string): void;
  /** Calls back once everything written so far has been handed to the response. */
  flushed(callback: () => void): void;
}

function plainBody(res: ServerResponse): BodyWriter {
  return {
    write: (data) => void res.write(data),
    end: (data) => void (data === undefined ? res.end() : res.end(data)),
    flushed: (callback) => setImmediate(callback),
  };
}

function gzipBody(res: ServerResponse): BodyWriter {
  const gzip: Gzip = createGzip();
  gzip.on('data', (chunk: Buffer) => res.write(chunk));
  gzip.on('end', () => res.end());
  gzip.on('error', () => res.destroy());
  return {
    write: (data) => {
      gzip.write(data);
      gzip.flush();
    },
    end: (data) => (data === undefined ? gzip.end() : gzip.end(data)),
    flushed: (callback) => gzip.flush(() => setImmediate(callback)),
  };
}

/** Starts the server on 127.0.0.1 and a free port. */
export async function startXApiServer(options: XApiServerOptions = {}): Promise<XApiServer> {
  const bearerToken = options.bearerToken ?? 'test-bearer-token';
  const keepAliveMs = options.keepAliveMs ?? 20_000;
  const defaultMessages = options.messages ?? recordedStreamMessages();
  const defaultPlan: ConnectionPlan = options.defaultPlan ?? { kind: 'stream', after: 'hold' };
  const maxStreamConnections = options.maxStreamConnections ?? 1;
  const plans: ConnectionPlan[] = [];
  const requestLog: RequestRecord[] = [];
  const streams = new Set<OpenStream>();
  const rules = new RuleBook();
  const stats: StreamConnectionStats = { open: 0, maxConcurrent: 0, total: 0 };
  const pendingTimers = new Set<NodeJS.Timeout>();

  const certificates = await testCertificates();
  const server = https.createServer({ key: certificates.keyPem, cert: certificates.certPem }, (req, res) => {
    handle(req, res).catch((error: unknown) => {
      // A bug in the test server must be visible, not turned into a silent hang.
      console.error('x-api test server failed:', error);
      if (!res.headersSent) sendJson(res, 500, { title: 'Internal Error', detail: String(error) });
      else res.destroy();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'https://127.0.0.1');
    const record: RequestRecord = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      authorization: req.headers.authorization,
      responseEncoding: undefined,
      at: Date.now(),
    };
    requestLog.push(record);
    const endpoint = STREAM_PATHS[url.pathname];
    if (endpoint !== undefined && req.method === 'GET') {
      // Counted before authentication: a client that opens a second connection is at fault
      // whatever the server answers.
      stats.total += 1;
      stats.open += 1;
      stats.maxConcurrent = Math.max(stats.maxConcurrent, stats.open);
      res.once('close', () => {
        stats.open -= 1;
      });
      if (!authorised(req)) return sendUnauthorized(res);
      return serveStream(endpoint, req, res, record);
    }
    if (!authorised(req)) return sendUnauthorized(res);
    if (url.pathname === RULES_PATH && req.method === 'GET') {
      const ids = url.searchParams.get('ids');
      return sendJson(res, 200, rules.list(ids === null ? undefined : ids.split(',')));
    }
    if (url.pathname === RULES_PATH && req.method === 'POST') {
      const body = await readBody(req);
      const result = rules.update(body, url.searchParams.get('dry_run') === 'true');
      return sendJson(res, result.status, result.body);
    }
    sendJson(res, 404, {
      title: 'Not Found Error',
      detail: `No such endpoint ${req.method} ${url.pathname} on the test X API server`,
      type: 'https://api.twitter.com/2/problems/resource-not-found',
    });
  }

  function authorised(req: IncomingMessage): boolean {
    return req.headers.authorization === `Bearer ${bearerToken}`;
  }

  function serveStream(
    endpoint: StreamEndpoint,
    req: IncomingMessage,
    res: ServerResponse,
    record: RequestRecord,
  ): void {
    const plan = plans.shift() ?? defaultPlan;
    if (plan.kind === 'reset') {
      res.socket?.destroy();
      return;
    }
    if (plan.kind === 'no-response') return;
    if (plan.kind === 'http-error') return sendHttpError(res, plan.status, plan.rateLimitResetAt);
    if (stats.open > maxStreamConnections) {
      return sendJson(
        res,
        429,
        {
          title: 'ConnectionException',
          detail: 'This stream is currently at the maximum allowed connection limit.',
          connection_issue: 'TooManyConnections',
          type: 'https://api.twitter.com/2/problems/streaming-connection',
        },
        rateLimitHeaders(Date.now() + 15 * 60_000),
      );
    }
    const gzip = options.gzip === true && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
    res.writeHead(200, {
      'content-type': 'application/json; charset=utf-8',
      ...(gzip ? { 'content-encoding': 'gzip' } : {}),
    });
    record.responseEncoding = gzip ? 'gzip' : undefined;
    res.flushHeaders();
    const stream: OpenStream = {
      endpoint,
      res,
      body: gzip ? gzipBody(res) : plainBody(res),
      stalled: false,
      keepAlive: setInterval(() => {
        if (!stream.stalled && !res.writableEnded) stream.body.write('\r\n');
      }, keepAliveMs),
    };
    streams.add(stream);
    res.once('close', () => {
      clearInterval(stream.keepAlive);
      streams.delete(stream);
    });
    const messages = plan.messages ?? defaultMessages;
    const after = plan.after ?? 'hold';
    const paceMs = plan.paceMs ?? 0;
    const finish = (): void => {
      if (plan.partial !== undefined && !stream.stalled) stream.body.write(plan.partial);
      applyAfter(stream, after);
    };
    if (paceMs <= 0) {
      for (const message of messages) writeMessage(stream, message);
      finish();
      return;
    }
    let index = 0;
    const next = (): void => {
      if (res.destroyed || stream.stalled) return;
      const message = messages[index++];
      if (message === undefined) return finish();
      writeMessage(stream, message);
      const timer = setTimeout(() => {
        pendingTimers.delete(timer);
        next();
      }, paceMs);
      pendingTimers.add(timer);
    };
    next();
  }

  function applyAfter(stream: OpenStream, after: AfterMessages): void {
    switch (after) {
      case 'hold':
        return;
      case 'drop':
        return dropAfterFlush(stream);
      case 'stall':
        stream.stalled = true;
        return;
      case 'end':
        stream.stalled = true;
        stream.body.end();
        return;
      case 'operational-disconnect':
        stream.stalled = true;
        stream.body.end(JSON.stringify(OPERATIONAL_DISCONNECT) + '\r\n');
        return;
    }
  }

  function writeMessage(stream: OpenStream, message: StreamMessage | string): void {
    if (stream.stalled || stream.res.writableEnded || stream.res.destroyed) return;
    const text =
      typeof message === 'string' ? message : JSON.stringify(withMatchingRules(message, stream.endpoint));
    const bytes = Buffer.from(text + '\r\n', 'utf8');
    const piece = options.chunkBytes ?? bytes.length;
    for (let start = 0; start < bytes.length; start += piece) {
      stream.body.write(bytes.subarray(start, start + piece));
    }
  }

  /** The filtered stream says which rules matched; the sample stream carries no rules. */
  function withMatchingRules(message: StreamMessage, endpoint: StreamEndpoint): StreamMessage {
    if (endpoint === 'sample') {
      const { matching_rules: _none, ...rest } = message;
      return rest;
    }
    if (message.matching_rules !== undefined) return message;
    const first = rules.all()[0];
    return first === undefined
      ? message
      : { ...message, matching_rules: [{ id: first.id, tag: first.tag ?? null }] };
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  const control: XApiControl = {
    plan: (...next) => {
      plans.push(...next);
    },
    send: (message) => {
      for (const stream of streams) writeMessage(stream, message);
    },
    dropStreams: () => {
      for (const stream of streams) dropAfterFlush(stream);
    },
    stallStreams: () => {
      for (const stream of streams) stream.stalled = true;
    },
    disconnectOperationally: () => {
      for (const stream of streams) applyAfter(stream, 'operational-disconnect');
    },
    stats: () => ({ ...stats }),
    requests: () => requestLog.map((record) => ({ ...record, query: { ...record.query } })),
    rules: () => rules.all(),
    waitFor: (predicate, timeoutMs = 10_000, what = 'condition') =>
      new Promise<void>((resolve, reject) => {
        const deadline = Date.now() + timeoutMs;
        const poll = (): void => {
          if (predicate()) return resolve();
          if (Date.now() > deadline) {
            return reject(
              new Error(`x-api test server: timed out after ${timeoutMs} ms waiting for ${what}`),
            );
          }
          setTimeout(poll, 5);
        };
        poll();
      }),
  };

  return {
    url: `https://127.0.0.1:${port}/2/`,
    caPem: certificates.caPem,
    bearerToken,
    control,
    close: async () => {
      for (const timer of pendingTimers) clearTimeout(timer);
      for (const stream of streams) clearInterval(stream.keepAlive);
      const closed = new Promise<void>((resolve, reject) =>
        server.close((error) => (error ? reject(error) : resolve())),
      );
      server.closeAllConnections();
      await closed;
    },
  };
}

/**
 * Cuts the TCP connection without ending the HTTP response (no final chunk), after what was
 * already written has left: the client sees the stream break mid-body, as when a link drops.
 */
function dropAfterFlush(stream: OpenStream): void {
  stream.stalled = true; // nothing more is written, keep-alives included
  stream.body.flushed(() => {
    const socket = stream.res.socket;
    socket?.end(() => socket.destroy());
  });
}

function sendUnauthorized(res: ServerResponse): void {
  sendJson(res, 401, { title: 'Unauthorized', type: 'about:blank', status: 401, detail: 'Unauthorized' });
}

function sendHttpError(res: ServerResponse, status: number, rateLimitResetAt?: number): void {
  if (status === 429) {
    return sendJson(
      res,
      429,
      { title: 'Too Many Requests', detail: 'Too Many Requests', type: 'about:blank', status: 429 },
      rateLimitHeaders(rateLimitResetAt ?? Date.now() + 15 * 60_000),
    );
  }
  const title = status >= 500 ? 'Service Unavailable' : 'Error';
  sendJson(res, status, {
    title,
    detail: `${title} (test server, HTTP ${status})`,
    type: 'about:blank',
    status,
  });
}

function rateLimitHeaders(resetAt: number): Record<string, string> {
  return {
    'x-rate-limit-limit': '50',
    'x-rate-limit-remaining': '0',
    // X sends the reset time in epoch seconds.
    'x-rate-limit-reset': String(Math.ceil(resetAt / 1000)),
  };
}

function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const problem = status >= 400 && typeof body === 'object' && body !== null && !('errors' in body);
  res.writeHead(status, {
    'content-type': problem ? 'application/problem+json' : 'application/json; charset=utf-8',
    ...headers,
  });
  res.end(JSON.stringify(body));
}

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return { unparseable: text };
  }
}
