// The one client of the filtered stream's rules (the live source, the dashboard runtime and any
// CLI use it): list, add and delete through twitter-api-v2, with the API's partial failures (a
// duplicate or invalid rule among valid ones) returned, not thrown.
import https from 'node:https';
import { ApiRequestError, ApiResponseError } from 'twitter-api-v2';
import { StreamRulesError } from './errors.js';
import { describeRequestCause } from './request-cause.js';
import { createXClient, xTlsOptions, type XApiV2, type XConnection } from './x-client.js';

export interface StreamRule {
  id: string;
  value: string;
  tag?: string;
}

export interface NewStreamRule {
  value: string;
  tag?: string;
}

/** A rule the API did not create or delete, and why (its title and details). */
export interface RuleProblem {
  value: string | null;
  id: string | null;
  reason: string;
}

export interface AddRulesResult {
  created: StreamRule[];
  problems: RuleProblem[];
  dryRun: boolean;
}

export interface DeleteRulesResult {
  deleted: number;
  notDeleted: number;
  problems: RuleProblem[];
}

export class StreamRules {
  constructor(private readonly v2: XApiV2) {}

  /** A rules client on its own agent (rules calls never queue behind the long-lived stream). */
  static connect(connection: XConnection): StreamRules {
    const agent = new https.Agent(xTlsOptions(connection.ca));
    return new StreamRules(
      createXClient({
        bearerToken: connection.bearerToken,
        ...(connection.baseUrl !== undefined ? { baseUrl: connection.baseUrl } : {}),
        agent,
      }),
    );
  }

  async list(): Promise<StreamRule[]> {
    const response = await this.call('list the stream rules', () => this.v2.streamRules());
    return (response.data ?? []).map(toRule);
  }

  /** Adds rules; with `dryRun` the API only validates them. Rules it refuses come back as problems. */
  async add(rules: NewStreamRule[], options: { dryRun?: boolean } = {}): Promise<AddRulesResult> {
    if (rules.length === 0) return { created: [], problems: [], dryRun: options.dryRun ?? false };
    const dryRun = options.dryRun ?? false;
    const add = rules.map((rule) =>
      rule.tag === undefined ? { value: rule.value } : { value: rule.value, tag: rule.tag },
    );
    const response = await this.call('add stream rules', () =>
      this.v2.updateStreamRules({ add }, dryRun ? { dry_run: true } : {}),
    );
    const created = 'data' in response && Array.isArray(response.data) ? response.data.map(toRule) : [];
    return { created, problems: problemsOf(response), dryRun };
  }

  async delete(ids: string[]): Promise<DeleteRulesResult> {
    if (ids.length === 0) return { deleted: 0, notDeleted: 0, problems: [] };
    const response = await this.call('delete stream rules', () =>
      this.v2.updateStreamRules({ delete: { ids } }),
    );
    const summary = (response.meta as { summary?: { deleted?: number; not_deleted?: number } } | undefined)
      ?.summary;
    return {
      deleted: summary?.deleted ?? 0,
      notDeleted: summary?.not_deleted ?? 0,
      problems: problemsOf(response),
    };
  }

  private async call<R>(what: string, request: () => Promise<R>): Promise<R> {
    try {
      return await request();
    } catch (error) {
      throw describeFailure(what, error);
    }
  }
}

function toRule(rule: { id: string; value: string; tag?: string }): StreamRule {
  return rule.tag === undefined
    ? { id: rule.id, value: rule.value }
    : { id: rule.id, value: rule.value, tag: rule.tag };
}

function problemsOf(response: unknown): RuleProblem[] {
  const errors = (response as { errors?: unknown }).errors;
  if (!Array.isArray(errors)) return [];
  return errors.map((error: unknown) => {
    const e = (typeof error === 'object' && error !== null ? error : {}) as Record<string, unknown>;
    const nested = Array.isArray(e.errors) ? e.errors : [];
    const nestedIds = nested.flatMap((n: unknown) => {
      const ids = (n as { parameters?: { ids?: unknown } } | null)?.parameters?.ids;
      return Array.isArray(ids) ? ids.map(String) : [];
    });
    const details = [
      ...(Array.isArray(e.details) ? e.details.map(String) : []),
      ...nested
        .map((n: unknown) => String((n as { message?: unknown } | null)?.message ?? ''))
        .filter(Boolean),
    ];
    const title = typeof e.title === 'string' ? e.title : 'rule refused';
    return {
      value: typeof e.value === 'string' ? e.value : null,
      id: typeof e.id === 'string' ? e.id : (nestedIds[0] ?? null),
      reason: details.length > 0 ? `${title}: ${details.join('; ')}` : title,
    };
  });
}

function describeFailure(what: string, error: unknown): StreamRulesError {
  if (error instanceof ApiResponseError) {
    const details = error.errors ?? (error.data ? [error.data] : []);
    if (error.code === 401) {
      return new StreamRulesError(
        `could not ${what}: the X API refused the bearer token (HTTP 401); check X_BEARER_TOKEN`,
        401,
        details,
      );
    }
    if (error.code === 429) {
      const reset = error.rateLimit?.reset;
      const when = reset ? ` until ${new Date(reset * 1000).toISOString()}` : '';
      return new StreamRulesError(
        `could not ${what}: rate limited by the X API (HTTP 429)${when}; try again later`,
        429,
        details,
      );
    }
    return new StreamRulesError(`could not ${what}: ${error.message}`, error.code, details);
  }
  if (error instanceof ApiRequestError) {
    return new StreamRulesError(
      `could not ${what}: the X API could not be reached (${describeRequestCause(error)}); check X_API_BASE_URL and the network`,
      null,
      [],
    );
  }
  return new StreamRulesError(
    `could not ${what}: ${error instanceof Error ? error.message : String(error)}`,
    null,
    [],
  );
}
