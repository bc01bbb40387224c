// topAuthorsOfTag against a recount: a tag's five most active authors (ties: the author met first),
// whatever the mix of counts, tags with few authors, and keys of other tags (one a prefix of it).
import { describe, expect, it } from 'vitest';
import type { KeyedWindow } from '@hashpulse/engine';
import { TAG_AUTHOR_SEPARATOR } from './aggregates.js';
import { topAuthorsOfTag } from './tag-authors.js';

/** The window view the function reads: only forEach (in the map's order) is used. */
function viewOf(counts: Map<string, number>): KeyedWindow<string, number> {
  return counts as unknown as KeyedWindow<string, number>;
}

function recount(counts: Map<string, number>, tag: string): Array<[string, number]> {
  const authors: Array<[string, number]> = [];
  for (const [key, count] of counts) {
    const [keyTag, author] = key.split(TAG_AUTHOR_SEPARATOR) as [string, string];
    if (keyTag === tag) authors.push([author, count]);
  }
  // A stable sort keeps the order met among equal counts.
  authors.sort((a, b) => b[1] - a[1]);
  return authors.slice(0, 5);
}

/** A small deterministic generator, so a failure names its seed. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
    return state / 2 ** 32;
  };
}

describe('topAuthorsOfTag', () => {
  it('equals a recount over windows of every shape', () => {
    for (let seed = 1; seed <= 300; seed++) {
      const next = random(seed);
      const tagCount = 1 + Math.floor(next() * 8);
      const tags = Array.from({ length: tagCount }, (_, i) => `tag${i}`);
      const counts = new Map<string, number>();
      const keys = Math.floor(next() * 120);
      for (let k = 0; k < keys; k++) {
        // Some keys belong to tags that start with another's name; counts are mostly 1, with ties above.
        const tag = next() < 0.15 ? `tag${Math.floor(next() * 3)}x` : tags[Math.floor(next() * tagCount)]!;
        const count = next() < 0.7 ? 1 : 1 + Math.floor(next() * 4);
        counts.set(`${tag}${TAG_AUTHOR_SEPARATOR}a${Math.floor(next() * 60)}`, count);
      }
      for (const tag of [...tags, 'tag9'])
        expect(topAuthorsOfTag(viewOf(counts), tag), `seed ${seed}, ${tag}`).toEqual(recount(counts, tag));
    }
  });

  it('lets a later, higher count into a list that filled with ones', () => {
    const counts = new Map<string, number>();
    for (const tag of ['a', 'b'])
      for (let i = 0; i < 6; i++) counts.set(`${tag}${TAG_AUTHOR_SEPARATOR}u${i}`, 1);
    counts.set(`b${TAG_AUTHOR_SEPARATOR}late`, 2);
    counts.set(`a${TAG_AUTHOR_SEPARATOR}tie`, 1);
    expect(topAuthorsOfTag(viewOf(counts), 'b')[0]).toEqual(['late', 2]);
    expect(topAuthorsOfTag(viewOf(counts), 'a').map(([author]) => author)).toEqual([
      'u0',
      'u1',
      'u2',
      'u3',
      'u4',
    ]);
  });

  it('is empty for a tag no key holds', () => {
    expect(topAuthorsOfTag(viewOf(new Map([[`ab${TAG_AUTHOR_SEPARATOR}u`, 3]])), 'a')).toEqual([]);
  });
});
