// topAuthorsPerTag against a recount: every tag's five most active authors (ties: the author met
// first), whatever the mix of counts, tags with few authors, and keys of tags not in the top list.
import { describe, expect, it } from 'vitest';
import type { KeyedWindow } from '@hashpulse/engine';
import { TAG_AUTHOR_SEPARATOR } from './aggregates.js';
import { topAuthorsPerTag } from './tag-authors.js';

/** The window view the function reads: only forEach (in the map's order) is used. */
function viewOf(counts: Map<string, number>): KeyedWindow<string, number> {
  return counts as unknown as KeyedWindow<string, number>;
}

function recount(counts: Map<string, number>, tags: string[]): Map<string, Array<[string, number]>> {
  const out = new Map<string, Array<[string, number]>>();
  for (const tag of tags) {
    const authors: Array<[string, number]> = [];
    for (const [key, count] of counts) {
      const [keyTag, author] = key.split(TAG_AUTHOR_SEPARATOR) as [string, string];
      if (keyTag === tag) authors.push([author, count]);
    }
    // A stable sort keeps the order met among equal counts.
    authors.sort((a, b) => b[1] - a[1]);
    if (authors.length > 0) out.set(tag, authors.slice(0, 5));
  }
  return out;
}

/** A small deterministic generator, so a failure names its seed. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
    return state / 2 ** 32;
  };
}

describe('topAuthorsPerTag', () => {
  it('equals a recount over windows of every shape', () => {
    for (let seed = 1; seed <= 300; seed++) {
      const next = random(seed);
      const tagCount = 1 + Math.floor(next() * 8);
      const tags = Array.from({ length: tagCount }, (_, i) => `tag${i}`);
      const counts = new Map<string, number>();
      const keys = Math.floor(next() * 120);
      for (let k = 0; k < keys; k++) {
        // Some keys belong to tags outside the top list; counts are mostly 1, with ties above.
        const tag = next() < 0.15 ? `other${Math.floor(next() * 3)}` : tags[Math.floor(next() * tagCount)]!;
        const count = next() < 0.7 ? 1 : 1 + Math.floor(next() * 4);
        counts.set(`${tag}${TAG_AUTHOR_SEPARATOR}a${Math.floor(next() * 60)}`, count);
      }
      const topTags = tags.map((tag): [string, number[]] => [tag, [0]]);
      expect(topAuthorsPerTag(viewOf(counts), topTags), `seed ${seed}`).toEqual(recount(counts, tags));
    }
  });

  it('lets a later, higher count into lists that filled with ones', () => {
    const counts = new Map<string, number>();
    for (const tag of ['a', 'b'])
      for (let i = 0; i < 6; i++) counts.set(`${tag}${TAG_AUTHOR_SEPARATOR}u${i}`, 1);
    counts.set(`b${TAG_AUTHOR_SEPARATOR}late`, 2);
    counts.set(`a${TAG_AUTHOR_SEPARATOR}tie`, 1);
    const result = topAuthorsPerTag(viewOf(counts), [
      ['a', [6]],
      ['b', [7]],
    ]);
    expect(result.get('b')![0]).toEqual(['late', 2]);
    expect(result.get('a')!.map(([author]) => author)).toEqual(['u0', 'u1', 'u2', 'u3', 'u4']);
  });

  it('is empty without top tags', () => {
    expect(topAuthorsPerTag(viewOf(new Map([[`a${TAG_AUTHOR_SEPARATOR}u`, 3]])), []).size).toBe(0);
  });
});
