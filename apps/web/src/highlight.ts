// Splits a tweet's text into plain runs and the hashtags the server found in it, so the feed can
// highlight exactly those (matching is case-insensitive, as the engine counts them).

export interface TextPart {
  text: string;
  /** Set on a hashtag run: the tag as the server names it, without '#'. */
  tag?: string;
}

const HASH = '[#＃]';
// A hashtag ends where letters, digits, marks and '_' end (twitter-text's rule, simplified to what
// matters for highlighting: the server already decided which tags the tweet has).
const TAG_BODY = '[\\p{L}\\p{M}\\p{N}_]+';

export function splitHashtags(text: string, tags: readonly string[]): TextPart[] {
  if (tags.length === 0) return [{ text }];
  const wanted = new Map(tags.map((tag) => [tag.toLocaleLowerCase(), tag]));
  const parts: TextPart[] = [];
  const pattern = new RegExp(`${HASH}(${TAG_BODY})`, 'gu');
  let last = 0;
  for (const match of text.matchAll(pattern)) {
    const tag = wanted.get(match[1]!.toLocaleLowerCase());
    if (tag === undefined) continue;
    const start = match.index;
    // "a#b" is not a hashtag: it must start the text or follow a non-word character.
    if (start > 0 && /[\p{L}\p{M}\p{N}_&]/u.test(text[start - 1]!)) continue;
    if (start > last) parts.push({ text: text.slice(last, start) });
    parts.push({ text: match[0], tag });
    last = start + match[0].length;
  }
  if (last < text.length) parts.push({ text: text.slice(last) });
  return parts;
}
