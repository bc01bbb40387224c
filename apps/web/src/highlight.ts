// Splits a tweet's text into plain runs and the hashtags the server found in it, so the feed can
// highlight exactly those. The server lists each hashtag as written in the text, with its count
// key, so matching is by exact spelling: the client never folds a tag itself.
import type { HashtagRef } from '@hashpulse/protocol';

export interface TextPart {
  text: string;
  /** Set on a hashtag run: the tag as written and its count key (what the drill-down takes). */
  hashtag?: HashtagRef;
}

const HASH = '[#＃]';
// A hashtag ends where letters, digits, marks and '_' end (twitter-text's rule, simplified to what
// matters for highlighting: the server already decided which tags the tweet has).
const TAG_BODY = '[\\p{L}\\p{M}\\p{N}_]+';

export function splitHashtags(text: string, hashtags: readonly HashtagRef[]): TextPart[] {
  if (hashtags.length === 0) return [{ text }];
  const wanted = new Map(hashtags.map((hashtag) => [hashtag.tag, hashtag]));
  const parts: TextPart[] = [];
  const pattern = new RegExp(`${HASH}(${TAG_BODY})`, 'gu');
  let last = 0;
  for (const match of text.matchAll(pattern)) {
    const hashtag = wanted.get(match[1]!);
    if (hashtag === undefined) continue;
    const start = match.index;
    // "a#b" is not a hashtag: it must start the text or follow a non-word character.
    if (start > 0 && /[\p{L}\p{M}\p{N}_&]/u.test(text[start - 1]!)) continue;
    if (start > last) parts.push({ text: text.slice(last, start) });
    parts.push({ text: match[0], hashtag });
    last = start + match[0].length;
  }
  if (last < text.length) parts.push({ text: text.slice(last) });
  return parts;
}
