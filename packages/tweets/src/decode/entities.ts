// Hashtags and mentions of one tweet body: from the API's entities when the record has them,
// else extracted from the text by the official twitter-text rules.
import twitter from 'twitter-text';
import { type JsonObject, arr, isObject, str } from './json.js';

/** Reads one string member (`tag`, `text`, `username`, `screen_name`) of every entity in a list. */
function entityStrings(entities: JsonObject, list: string, member: string): string[] {
  const items = arr(entities[list]);
  if (items === undefined) return [];
  // Made to the list's length, not pushed to (a pushed array reserves 16 slots, and a tweet's lists
  // live as long as its batch: see analysisOf in analyze.ts).
  // Stryker disable next-line ArrayDeclaration: speed only; an array made empty grows to the same items
  const out = new Array<string>(items.length);
  let n = 0;
  for (const item of items) {
    if (!isObject(item)) continue;
    const value = str(item[member]);
    if (value !== null && value !== '') out[n++] = value;
  }
  out.length = n;
  return out;
}

/**
 * Hashtags of a body. An `entities` object is authoritative even without a `hashtags` list: the
 * API leaves out empty lists, so it means "no hashtags". Without `entities` (not requested, or a
 * hand-made record) twitter-text finds them the way X itself would.
 */
export function hashtagsOf(entities: JsonObject | undefined, text: string, v1: boolean): string[] {
  if (entities !== undefined) return entityStrings(entities, 'hashtags', v1 ? 'text' : 'tag');
  // Stryker disable next-line ConditionalExpression,StringLiteral,UnaryOperator: speed only, twitter-text finds none without a '#' either
  return text.indexOf('#') === -1 && text.indexOf('＃') === -1 ? [] : twitter.extractHashtags(text);
}

/** Mentioned usernames of a body, by the same rule as hashtagsOf. */
export function mentionsOf(entities: JsonObject | undefined, text: string, v1: boolean): string[] {
  if (entities !== undefined) {
    return entityStrings(entities, v1 ? 'user_mentions' : 'mentions', v1 ? 'screen_name' : 'username');
  }
  // Stryker disable next-line ConditionalExpression,StringLiteral,UnaryOperator: speed only, twitter-text finds none without an '@' either
  return text.indexOf('@') === -1 && text.indexOf('＠') === -1 ? [] : twitter.extractMentions(text);
}

/** Concatenation without repeats, keeping first appearance order. */
export function union(first: string[], second: string[]): string[] {
  // Stryker disable next-line ConditionalExpression: speed only, the loop below gives the same list
  if (second.length === 0) return first;
  // Stryker disable next-line ConditionalExpression: speed only, the loop below gives the same list
  if (first.length === 0) return second;
  const seen = new Set(first);
  // Stryker disable next-line MethodExpression: equivalent, callers pass lists made for this call
  const out = first.slice();
  for (const item of second) {
    if (!seen.has(item)) {
      seen.add(item);
      out.push(item);
    }
  }
  return out;
}
