// PROFILE_MEMBERS lists every member a JSONL profile line is read by: a line parsed to only those
// members (as the profile file reader parses it natively) gives the profiles and problems the whole
// line gives, on the recorded users page and on hand-made lines of every shape and fault.
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import v8 from 'node:v8';
import { fileURLToPath } from 'node:url';
import { nativeJson, projectMembers } from '@hashpulse/fast-json';
import { describe, expect, it } from 'vitest';
import { PROFILE_MEMBERS, profilesFromJsonLine, profilesFromRecord } from './jsonl-profiles.js';
import { readProfileFile, type MalformedProfileLine } from './profile-file-reader.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const USERS = path.resolve(repoRoot, 'test-data/x-api-v2/users.jsonl');

const v2User = {
  id: '12',
  username: 'jack',
  name: 'Jäck 東京',
  verified: false,
  verified_type: 'none',
  created_at: '2006-03-21T20:50:14.000Z',
  location: 'Köln',
  description: 'not read',
  url: '',
  protected: false,
  public_metrics: { followers_count: 6, following_count: 4, tweet_count: 29, listed_count: 1 },
};
const v1User = {
  id: 12,
  id_str: '12',
  screen_name: 'jack',
  name: 'jack',
  verified: true,
  followers_count: 6,
  friends_count: 4,
  statuses_count: 29,
  created_at: 'Tue Mar 21 20:50:14 +0000 2006',
  location: 'California',
  profile_image_url: 'not read',
};

const RECORDS: unknown[] = [
  ...readFileSync(USERS, 'utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as unknown),
  { data: [v2User, v1User] },
  { data: v2User },
  v2User,
  v1User,
  { id: '7' },
  { id_str: '8', verified_type: 'blue' },
  { errors: [{ title: 'Not Found Error', value: 'x' }] },
  { meta: { result_count: 0 } },
  [1, 2],
  'a string',
  null,
  { data: [v2User, 'é', null, [1], { username: 'no id' }] },
  // A bad field of each kind makes its user a problem.
  { data: [{ ...v2User, id: 1.5 }] },
  { data: [{ ...v2User, id: 'x12' }] },
  { ...v2User, username: 5 },
  { ...v2User, verified: 'yes' },
  { ...v2User, verified: undefined, verified_type: 'business' },
  { ...v2User, public_metrics: [1] },
  { ...v2User, public_metrics: { followers_count: -1 } },
  { ...v1User, friends_count: 2.5 },
  { ...v1User, created_at: 'someday' },
  { ...v1User, created_at: 7 },
  { data: null, id: '9' },
];

/** The record, its objects wrapped to note every member read or asked about (`in`). */
function noting(value: unknown, read: Set<string>): unknown {
  if (typeof value !== 'object' || value === null) return value;
  const target = Array.isArray(value) ? value.map((item) => noting(item, read)) : { ...value };
  if (!Array.isArray(value)) {
    for (const [key, member] of Object.entries(value))
      (target as Record<string, unknown>)[key] = noting(member, read);
  }
  return new Proxy(target, {
    get(object, key, receiver) {
      if (typeof key === 'string' && !Array.isArray(object)) read.add(key);
      return Reflect.get(object, key, receiver) as unknown;
    },
    has(object, key) {
      if (typeof key === 'string' && !Array.isArray(object)) read.add(key);
      return Reflect.has(object, key);
    },
  });
}

describe('PROFILE_MEMBERS', () => {
  it('names every member a profile line is read by', () => {
    const listed = new Set(PROFILE_MEMBERS.members);
    const read = new Set<string>();
    for (const record of RECORDS) profilesFromRecord(noting(record, read));
    const unlisted = [...read].filter((key) => !listed.has(key) && key !== 'constructor' && key !== 'length');
    expect(unlisted).toEqual([]);
    // Not a vacuous check: the users' own fields were read.
    expect(read).toContain('followers_count');
    expect(read).toContain('screen_name');
  });

  it('gives, of a line cut down to those members, what the whole line gives', () => {
    let profiles = 0;
    let problems = 0;
    for (const record of RECORDS) {
      const whole = profilesFromJsonLine(JSON.stringify(record));
      expect(profilesFromRecord(projectMembers(record, PROFILE_MEMBERS))).toEqual(whole);
      profiles += whole.profiles.length;
      problems += whole.problems.length;
    }
    expect(profiles).toBeGreaterThan(100);
    expect(problems).toBeGreaterThan(15);
  });
});

describe.runIf(nativeJson.available || process.env.HASHPULSE_REQUIRE_NATIVE === '1')(
  'reading a JSONL profiles file natively',
  () => {
    it('gives the profiles and problems that reading each line as text gives', async () => {
      const dir = await mkdtemp(path.join(tmpdir(), 'hashpulse-jsonl-profiles-'));
      try {
        const lines = [
          ...RECORDS.map((record) => JSON.stringify(record)),
          '',
          '   ',
          '{"id": "2", "username": ',
          '{"id":"-0","name":-0}',
          '{"id":"3","name":"\\ud800"}',
          '\ufeff{"id":"4"}',
        ];
        // A byte-order mark opening the file is skipped; elsewhere it makes the line invalid.
        const file = path.join(dir, 'users.jsonl');
        await writeFile(file, `\ufeff${lines.join('\n')}\r\n`);
        const problems: MalformedProfileLine[] = [];
        const batches = [];
        for await (const batch of readProfileFile(file, { onMalformed: (m) => problems.push(m) }))
          batches.push(batch);
        const expected = lines.map((line) => (line.trim() === '' ? null : profilesFromJsonLine(line)));
        expect(batches.flatMap((batch) => batch.profiles)).toEqual(
          expected.flatMap((found) => found?.profiles ?? []),
        );
        expect(problems.map(({ line, reason }) => [line, reason])).toEqual(
          expected.flatMap((found, i) => (found?.problems ?? []).map((reason) => [i + 1, reason])),
        );
        expect(batches.at(-1)?.lines).toBe(lines.length);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    });

    it('gives counts as small integers, as JSON.parse does, not boxed numbers', async () => {
      // V8's serializer tags a small integer "I" and a boxed number "N". Boxed, each count of a
      // loaded profile is an object of its own, read through a pointer on every join and merge.
      const tag = (value: unknown) => String.fromCharCode(v8.serialize(value)[2]!);
      const dir = await mkdtemp(path.join(tmpdir(), 'hashpulse-jsonl-profiles-'));
      try {
        const user = (i: number) => ({
          id: String(1000 + i),
          username: `user${i}`,
          public_metrics: { followers_count: i, following_count: 2 ** 31 - 1, tweet_count: 19_805 },
        });
        const file = path.join(dir, 'users.jsonl');
        await writeFile(file, Array.from({ length: 100 }, (_, i) => JSON.stringify(user(i))).join('\n'));
        const profiles = [];
        for await (const batch of readProfileFile(file)) profiles.push(...batch.profiles);
        expect(profiles).toHaveLength(100);
        const tags = profiles.map((p) => [p.followers, p.following, p.tweetCount].map(tag).join(''));
        expect(new Set(tags)).toEqual(new Set(['III']));
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    });
  },
);
