// The live X API as the REST API serves it, in one process (ROLE=all) and on every node of a
// cluster alike: the connection from the server's settings, and the stream rules' answers.
import type { StreamRule } from '@hashpulse/protocol';
import type { ServerConfig } from '../config/server-config.js';
import type { StreamRules, XConnection } from '../sources/index.js';
import { RequestRefusedError } from './dashboard-runtime.js';

/** Where the live source and the rules calls connect; without X_BEARER_TOKEN the request is refused. */
export function liveConnection(config: ServerConfig, ca?: string): XConnection {
  if (config.xBearerToken === null) {
    throw new RequestRefusedError('the live source needs X_BEARER_TOKEN in the server environment', 409);
  }
  return {
    bearerToken: config.xBearerToken,
    baseUrl: config.xApiBaseUrl,
    ...(ca !== undefined ? { ca } : {}),
  };
}

export async function listRules(rules: StreamRules): Promise<StreamRule[]> {
  const listed = await rules.list();
  return listed.map((rule) => ({ id: rule.id, value: rule.value, tag: rule.tag ?? null }));
}

/** Adds one rule; a rule the X API refuses is a 400 with its reasons. */
export async function addRule(rules: StreamRules, value: string, tag?: string): Promise<StreamRule> {
  const result = await rules.add([{ value, ...(tag ? { tag } : {}) }]);
  const created = result.created[0];
  if (created === undefined) {
    const reasons = result.problems.map((problem) => problem.reason);
    throw new RequestRefusedError(
      `the X API refused the rule: ${reasons.join('; ') || 'no reason given'}`,
      400,
      reasons,
    );
  }
  return { id: created.id, value: created.value, tag: created.tag ?? null };
}

export async function deleteRule(rules: StreamRules, id: string): Promise<void> {
  const result = await rules.delete([id]);
  if (result.deleted === 0) {
    throw new RequestRefusedError(
      `rule ${id} was not deleted: ${result.problems.map((p) => p.reason).join('; ')}`,
      404,
    );
  }
}
