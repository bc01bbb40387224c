import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startXApiServer, type XApiServer } from '../support/x-api/index.js';
import { StreamRulesError } from '../../src/sources/live/errors.js';
import { StreamRules } from '../../src/sources/live/stream-rules.js';

describe('stream rules through twitter-api-v2 against the local X API', () => {
  let server: XApiServer;
  let rules: StreamRules;

  beforeAll(async () => {
    server = await startXApiServer();
    rules = StreamRules.connect({ bearerToken: server.bearerToken, baseUrl: server.url, ca: server.caPem });
  });
  afterAll(() => server.close());

  it('lists, adds and deletes rules, keeping ids and tags', async () => {
    expect(await rules.list()).toEqual([]);
    const added = await rules.add([{ value: '#brexit lang:en', tag: 'brexit' }, { value: 'cats has:media' }]);
    expect(added.problems).toEqual([]);
    expect(added.created.map((rule) => [rule.value, rule.tag])).toEqual([
      ['#brexit lang:en', 'brexit'],
      ['cats has:media', undefined],
    ]);
    expect(await rules.list()).toEqual(added.created);
    expect(server.control.rules()).toEqual(added.created);

    const deleted = await rules.delete([added.created[0]!.id]);
    expect(deleted).toEqual({ deleted: 1, notDeleted: 0, problems: [] });
    expect((await rules.list()).map((rule) => rule.value)).toEqual(['cats has:media']);
    await rules.delete((await rules.list()).map((rule) => rule.id));
    expect(await rules.list()).toEqual([]);
  });

  it('returns a duplicate rule as a problem and still creates the others', async () => {
    const first = await rules.add([{ value: 'dogs' }]);
    const second = await rules.add([{ value: 'dogs' }, { value: 'birds' }]);
    expect(second.created.map((rule) => rule.value)).toEqual(['birds']);
    expect(second.problems).toEqual([{ value: 'dogs', id: first.created[0]!.id, reason: 'DuplicateRule' }]);
    await rules.delete([...first.created, ...second.created].map((rule) => rule.id));
  });

  it('validates without creating on a dry run', async () => {
    const result = await rules.add([{ value: 'fish' }], { dryRun: true });
    expect(result.dryRun).toBe(true);
    expect(result.created.map((rule) => rule.value)).toEqual(['fish']);
    expect(await rules.list()).toEqual([]);
    expect(server.control.requests().at(-2)?.query).toEqual({ dry_run: 'true' });
  });

  it('reports deleting a rule that does not exist', async () => {
    const result = await rules.delete(['123']);
    expect(result.deleted).toBe(0);
    expect(result.notDeleted).toBe(1);
    expect(result.problems[0]?.id).toBe('123');
    expect(result.problems[0]?.reason).toMatch(/Rule does not exist/);
  });

  it('reports an invalid rule with the reason the API gives', async () => {
    const result = await rules.add([{ value: 'x'.repeat(600) }]);
    expect(result.created).toEqual([]);
    expect(result.problems[0]?.reason).toMatch(/UnprocessableEntity: Rule length is 600/);
  });

  it('throws a typed error that names X_BEARER_TOKEN when the token is refused', async () => {
    const wrong = StreamRules.connect({ bearerToken: 'wrong', baseUrl: server.url, ca: server.caPem });
    const failure = await wrong.list().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(StreamRulesError);
    expect((failure as StreamRulesError).status).toBe(401);
    expect((failure as Error).message).toMatch(/check X_BEARER_TOKEN/);
  });

  it('does not trust the test server without its CA', async () => {
    const untrusting = StreamRules.connect({ bearerToken: server.bearerToken, baseUrl: server.url });
    const failure = await untrusting.list().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(StreamRulesError);
    expect((failure as Error).message).toMatch(/could not be reached/);
  });
});
