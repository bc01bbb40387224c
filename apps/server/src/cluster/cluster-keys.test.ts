import { describe, expect, it } from 'vitest';
import { ClusterKeys } from './cluster-keys.js';

/** The slot Redis Cluster hashes: the first non-empty `{...}` of the key, else the whole key. */
function hashTag(key: string): string {
  const open = key.indexOf('{');
  const close = key.indexOf('}', open + 1);
  return open >= 0 && close > open + 1 ? key.slice(open + 1, close) : key;
}

describe('cluster keys per run', () => {
  it('keep every key a script touches in one slot, whatever the run', () => {
    for (const run of [0, 1, 42]) {
      const keys = new ClusterKeys('hp', 4, run);
      for (let p = 0; p < 4; p++) {
        const published = [
          keys.owner(p),
          keys.partial(p, 1000),
          keys.progress(p),
          keys.records(p),
          keys.batches(p),
        ];
        expect(new Set(published.map(hashTag))).toEqual(new Set([`p${p}`]));
      }
      expect(new Set([keys.mergeLease, keys.merged, keys.mergeState].map(hashTag))).toEqual(
        new Set(['merge']),
      );
    }
  });

  it('give each run keys of its own, and share the cluster-wide ones', () => {
    const zero = new ClusterKeys('hp', 2);
    const one = zero.forRun(1);
    expect(one.run).toBe(1);
    expect(one.records(0)).toBe('hp:r1:{p0}:records');
    const perRun = (keys: ClusterKeys) => [...keys.runKeys(), keys.partial(0, 1000)];
    for (const key of perRun(zero)) expect(perRun(one)).not.toContain(key);
    for (const name of [
      'currentRun',
      'mergeLease',
      'mergeFence',
      'control',
      'ingestControl',
      'ingestStatus',
      'workers',
      'group',
    ] as const)
      expect(one[name]).toBe(zero[name]);
    expect(zero.runKeys()).toHaveLength(2 + 2 * 4);
  });
});
