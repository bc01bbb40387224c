// The hashtag vocabulary in popularity order, and the way people vary a tag's spelling.
import type { Random } from './random.js';
import { CORE_HASHTAGS, TAIL_SYLLABLES } from './vocabulary.js';

/** Core tags first, then a long tail of made-up tags, `size` in all (distinct). */
export function hashtagVocabulary(size: number): string[] {
  const tags = [...CORE_HASHTAGS];
  const seen = new Set(tags.map((tag) => tag.toLowerCase()));
  for (let i = 0; tags.length < size; i++) {
    // Mixed-radix digits of i pick the syllables, so the tail is the same for every seed.
    let rest = i;
    let tag = '';
    for (let part = 0; part < 2 + (i % 2); part++) {
      tag += TAIL_SYLLABLES[rest % TAIL_SYLLABLES.length];
      rest = Math.floor(rest / TAIL_SYLLABLES.length) + part + 1;
    }
    tag = tag.charAt(0).toUpperCase() + tag.slice(1);
    if (!seen.has(tag.toLowerCase())) {
      seen.add(tag.toLowerCase());
      tags.push(tag);
    }
  }
  return tags.slice(0, size);
}

/** Most people keep the usual spelling; some write it in lower or upper case (#brexit, #BREXIT). */
export function spellingVariant(tag: string, random: Random): string {
  const draw = random.next();
  if (draw < 0.72) return tag;
  return draw < 0.9 ? tag.toLowerCase() : tag.toUpperCase();
}
