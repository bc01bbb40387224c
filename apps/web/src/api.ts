// A thin REST client for /api: sends the admin token when there is one, validates every answer
// with the protocol's schemas and turns error bodies (ApiError) into ApiRequestError.
import {
  ApiErrorSchema,
  DataFileSchema,
  HashtagDetailSchema,
  HealthSchema,
  PublicConfigSchema,
  SnapshotSchema,
  SourceStatusSchema,
  StreamRuleSchema,
  z,
  type DataFile,
  type HashtagDetail,
  type Health,
  type LiveStartRequest,
  type PublicConfig,
  type ReplaySpeed,
  type ReplayStartRequest,
  type RuleAddRequest,
  type Snapshot,
  type SourceStatus,
  type StreamRule,
  type WindowConfigRequest,
} from '@hashpulse/protocol';

/** The server answered with an error status; `details` lists the violated rules when it gave them. */
export class ApiRequestError extends Error {
  override name = 'ApiRequestError';
  constructor(
    message: string,
    readonly status: number,
    readonly code: string,
    readonly details: string[] = [],
  ) {
    super(message);
  }
}

/** The server answered, but not in the protocol's shape (a version mismatch, a proxy's page...). */
export class ApiResponseError extends Error {
  override name = 'ApiResponseError';
}

/** The request never got an answer (server down, network gone). */
export class ApiNetworkError extends Error {
  override name = 'ApiNetworkError';
}

export interface ApiOptions {
  /** Origin of the server; empty in the browser (same origin). */
  baseUrl?: string;
  /** Read at every call, so a token typed after creating the client is used. */
  token?: () => string | null | undefined;
  fetch?: typeof fetch;
}

export type ReplayAction = 'pause' | 'resume' | 'restart' | 'stop';

export interface ApiClient {
  health(): Promise<Health>;
  config(): Promise<PublicConfig>;
  snapshot(): Promise<Snapshot>;
  putWindow(request: WindowConfigRequest): Promise<PublicConfig>;
  /** One hashtag's drill-down, by the count key the server sent (never a spelling folded here). */
  hashtag(key: string): Promise<HashtagDetail>;
  replayFiles(): Promise<DataFile[]>;
  replayStart(request: ReplayStartRequest): Promise<SourceStatus>;
  replay(action: ReplayAction): Promise<SourceStatus>;
  /** Changes the running replay's speed at once (between timed speeds). */
  replaySpeed(speed: ReplaySpeed): Promise<SourceStatus>;
  liveStart(request: LiveStartRequest): Promise<SourceStatus>;
  liveStop(): Promise<SourceStatus>;
  liveRules(): Promise<StreamRule[]>;
  addLiveRule(request: RuleAddRequest): Promise<StreamRule>;
  deleteLiveRule(id: string): Promise<void>;
}

export function createApi(options: ApiOptions = {}): ApiClient {
  const baseUrl = options.baseUrl ?? '';
  const doFetch = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));

  async function call<T>(
    method: string,
    path: string,
    schema: z.ZodType<T> | null,
    body?: unknown,
  ): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    const token = options.token?.();
    if (token) headers['authorization'] = `Bearer ${token}`;
    // The server takes control actions only as JSON (a cross-site form cannot send that), so a
    // POST with nothing to say still sends {}.
    if (body === undefined && (method === 'POST' || method === 'PUT')) body = {};
    if (body !== undefined) headers['content-type'] = 'application/json';
    let response: Response;
    try {
      response = await doFetch(`${baseUrl}${path}`, {
        method,
        headers,
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    } catch (error) {
      throw new ApiNetworkError(
        `${method} ${path} got no answer (${(error as Error).message}); is the server running?`,
        { cause: error },
      );
    }
    const text = await response.text();
    let json: unknown = undefined;
    if (text) {
      try {
        json = JSON.parse(text);
      } catch (error) {
        throw new ApiResponseError(
          `${method} ${path} answered ${response.status} with a body that is not JSON: ${text.slice(0, 120)}`,
          { cause: error },
        );
      }
    }
    if (!response.ok) {
      const apiError = ApiErrorSchema.safeParse(json);
      if (apiError.success) {
        throw new ApiRequestError(
          apiError.data.message,
          response.status,
          apiError.data.code,
          apiError.data.details,
        );
      }
      throw new ApiRequestError(
        `${method} ${path} failed with HTTP ${response.status} ${response.statusText}`.trim(),
        response.status,
        'HttpError',
      );
    }
    if (schema === null) return undefined as T;
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      const problems = parsed.error.issues
        .slice(0, 3)
        .map((issue) => `${issue.path.map(String).join('.') || '(body)'}: ${issue.message}`)
        .join('; ');
      throw new ApiResponseError(
        `${method} ${path} answered in a shape the dashboard does not know: ${problems}`,
      );
    }
    return parsed.data;
  }

  return {
    health: () => call('GET', '/api/health', HealthSchema),
    config: () => call('GET', '/api/config', PublicConfigSchema),
    snapshot: () => call('GET', '/api/snapshot', SnapshotSchema),
    putWindow: (request) => call('PUT', '/api/window', PublicConfigSchema, request),
    hashtag: (key) => call('GET', `/api/hashtags/${encodeURIComponent(key)}`, HashtagDetailSchema),
    replayFiles: () => call('GET', '/api/replay/files', z.array(DataFileSchema)),
    replayStart: (request) => call('POST', '/api/replay/start', SourceStatusSchema, request),
    replay: (action) => call('POST', `/api/replay/${action}`, SourceStatusSchema),
    replaySpeed: (speed) => call('POST', '/api/replay/speed', SourceStatusSchema, { speed }),
    liveStart: (request) => call('POST', '/api/live/start', SourceStatusSchema, request),
    liveStop: () => call('POST', '/api/live/stop', SourceStatusSchema),
    liveRules: () => call('GET', '/api/live/rules', z.array(StreamRuleSchema)),
    addLiveRule: (request) => call('POST', '/api/live/rules', StreamRuleSchema, request),
    deleteLiveRule: (id) => call('DELETE', `/api/live/rules/${encodeURIComponent(id)}`, null),
  };
}
