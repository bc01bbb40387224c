// The filtered stream's rules as the test X API server keeps them, answering list/add/delete with
// the request and response shapes of POST/GET /2/tweets/search/stream/rules.

export interface StreamRule {
  id: string;
  value: string;
  tag?: string;
}

export interface RuleResponse {
  status: number;
  body: unknown;
}

/** X's limit for rule length on the Basic and Pro levels. */
const MAX_RULE_LENGTH = 512;

const INVALID_REQUEST = {
  title: 'Invalid Request',
  detail: 'One or more parameters to your request was invalid.',
  type: 'https://api.twitter.com/2/problems/invalid-request',
};

export class RuleBook {
  private readonly rules = new Map<string, StreamRule>();
  /** Rule ids are snowflake-like decimal strings, as the API returns them. */
  private nextId = 1_580_000_000_000_000_000n;

  all(): StreamRule[] {
    return [...this.rules.values()].map((rule) => ({ ...rule }));
  }

  list(ids?: string[]): unknown {
    const rules = this.all().filter((rule) => ids === undefined || ids.includes(rule.id));
    const meta = { sent: new Date().toISOString(), result_count: rules.length };
    return rules.length === 0 ? { meta } : { data: rules, meta };
  }

  update(body: unknown, dryRun: boolean): RuleResponse {
    if (isAdd(body)) return this.add(body.add, dryRun);
    if (isDelete(body)) return this.delete(body.delete.ids, dryRun);
    return {
      status: 400,
      body: {
        errors: [{ parameters: {}, message: 'Request body must hold either "add" or "delete"' }],
        ...INVALID_REQUEST,
      },
    };
  }

  private add(candidates: { value: string; tag?: string }[], dryRun: boolean): RuleResponse {
    const created: StreamRule[] = [];
    const errors: unknown[] = [];
    let invalid = 0;
    for (const candidate of candidates) {
      const value = candidate.value.trim();
      if (value === '' || value.length > MAX_RULE_LENGTH) {
        invalid += 1;
        errors.push({
          value: candidate.value,
          details: [
            value === ''
              ? 'Rules must not be empty.'
              : `Rule length is ${value.length}, max allowed is ${MAX_RULE_LENGTH}.`,
          ],
          title: 'UnprocessableEntity',
          type: 'https://api.twitter.com/2/problems/invalid-rules',
        });
        continue;
      }
      const duplicate = [...this.rules.values(), ...created].find((rule) => rule.value === value);
      if (duplicate) {
        errors.push({
          value,
          id: duplicate.id,
          title: 'DuplicateRule',
          type: 'https://api.twitter.com/2/problems/duplicate-rules',
        });
        continue;
      }
      const rule: StreamRule = { id: String(this.nextId++), value };
      if (candidate.tag !== undefined) rule.tag = candidate.tag;
      created.push(rule);
    }
    if (!dryRun) for (const rule of created) this.rules.set(rule.id, rule);
    const body: Record<string, unknown> = {
      meta: {
        sent: new Date().toISOString(),
        summary: {
          created: created.length,
          not_created: candidates.length - created.length,
          valid: candidates.length - invalid,
          invalid,
        },
      },
    };
    if (created.length > 0) body.data = created;
    if (errors.length > 0) body.errors = errors;
    return { status: dryRun ? 200 : 201, body };
  }

  private delete(ids: string[], dryRun: boolean): RuleResponse {
    const found = ids.filter((id) => this.rules.has(id));
    const missing = ids.filter((id) => !this.rules.has(id));
    if (!dryRun) for (const id of found) this.rules.delete(id);
    const body: Record<string, unknown> = {
      meta: {
        sent: new Date().toISOString(),
        summary: { deleted: found.length, not_deleted: missing.length },
      },
    };
    if (missing.length > 0) {
      body.errors = missing.map((id) => ({
        errors: [{ parameters: { ids: [id] }, message: 'Rule does not exist' }],
        ...INVALID_REQUEST,
      }));
    }
    return { status: 200, body };
  }
}

function isAdd(body: unknown): body is { add: { value: string; tag?: string }[] } {
  if (typeof body !== 'object' || body === null || !('add' in body) || !Array.isArray(body.add)) return false;
  return body.add.every(
    (rule: unknown) =>
      typeof rule === 'object' &&
      rule !== null &&
      'value' in rule &&
      typeof rule.value === 'string' &&
      (!('tag' in rule) || rule.tag === undefined || typeof rule.tag === 'string'),
  );
}

function isDelete(body: unknown): body is { delete: { ids: string[] } } {
  if (typeof body !== 'object' || body === null || !('delete' in body)) return false;
  const del = body.delete;
  return (
    typeof del === 'object' &&
    del !== null &&
    'ids' in del &&
    Array.isArray(del.ids) &&
    del.ids.every((id: unknown) => typeof id === 'string')
  );
}
