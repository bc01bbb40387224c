import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { profileFromUserObject } from './user-object.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const usersPage = JSON.parse(
  readFileSync(path.resolve(repoRoot, 'test-data/x-api-v2/users.jsonl'), 'utf8'),
) as { data: unknown[] };

describe('profileFromUserObject', () => {
  it('maps every user of the recorded v2 lookup page, public_metrics included', () => {
    const decoded = usersPage.data.map(profileFromUserObject);
    expect(decoded.every((result) => result.ok)).toBe(true);
    const hoang = decoded.flatMap((r) => (r.ok ? [r.profile] : [])).find((p) => p.id === '95500726');
    expect(hoang).toEqual({
      id: '95500726',
      username: 'jduc_hoang',
      name: 'Johnny Duc Hoang',
      verified: false,
      followers: 164,
      following: 511,
      tweetCount: 697,
      createdAt: Date.parse('2009-12-08T20:56:31.000Z'),
      location: 'Portland, OR',
    });
  });

  it('maps a v1.1 user object (id_str, screen_name, friends_count, classic date)', () => {
    const result = profileFromUserObject({
      id: 12,
      id_str: '12',
      screen_name: 'jack',
      name: 'jack',
      verified: true,
      followers_count: 10,
      friends_count: 20,
      statuses_count: 30,
      created_at: 'Tue Mar 21 20:50:14 +0000 2006',
      location: null,
    });
    expect(result).toEqual({
      ok: true,
      profile: {
        id: '12',
        username: 'jack',
        name: 'jack',
        verified: true,
        followers: 10,
        following: 20,
        tweetCount: 30,
        createdAt: Date.parse('2006-03-21T20:50:14Z'),
        location: null,
      },
    });
  });

  it('takes verification from verified_type when the boolean is absent', () => {
    const blue = profileFromUserObject({ id: '1', verified_type: 'blue' });
    const none = profileFromUserObject({ id: '2', verified_type: 'none' });
    expect(blue.ok && blue.profile.verified).toBe(true);
    expect(none.ok && none.profile.verified).toBe(false);
  });

  it('leaves absent fields unknown rather than guessing zero', () => {
    const result = profileFromUserObject({ id: '7' });
    expect(result).toEqual({
      ok: true,
      profile: {
        id: '7',
        username: null,
        name: null,
        verified: null,
        followers: null,
        following: null,
        tweetCount: null,
        createdAt: null,
        location: null,
      },
    });
  });

  it.each([
    [{ name: 'x' }, 'user object has no id'],
    [{ id: 'abc' }, 'is not a string of digits'],
    [{ id: 2 ** 60 }, 'is not a string of digits'],
    [
      { id: '1', public_metrics: { followers_count: -3 } },
      'public_metrics.followers_count -3 is not a non-negative integer',
    ],
    [{ id: '1', public_metrics: { followers_count: '12' } }, 'followers_count "12"'],
    [{ id: '1', created_at: 'yesterday' }, 'created_at "yesterday" is not a date'],
    [{ id: '1', verified: 'yes' }, 'verified is not a boolean'],
    [{ id: '1', username: 5 }, 'username is not a string'],
    [[1, 2], 'not a JSON object'],
  ])('refuses %j with a reason', (input, reason) => {
    const result = profileFromUserObject(input);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toContain(reason);
  });
});
