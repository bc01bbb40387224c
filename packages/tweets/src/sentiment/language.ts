// Decides whether the English lexicon can score a text, from X's language tag and, when X gives
// none, from the script the text is written in.

/**
 * X's tags for "no language detected": und, and the special codes for tweets made only of
 * mentions (qam), cashtags (qct), hashtags (qht), media links (qme), very short text (qst),
 * no linguistic content (zxx) or art.
 */
const UNDETERMINED = new Set(['und', 'qam', 'qct', 'qht', 'qme', 'qst', 'zxx', 'art']);

/** Letters of scripts other than Latin (Greek, Cyrillic ... CJK, Hangul); emoji and symbols are not letters here. */
function isNonLatinLetter(code: number): boolean {
  return (
    (code >= 0x0370 && code <= 0x1dff) ||
    (code >= 0x1f00 && code <= 0x1fff) ||
    (code >= 0x2e80 && code <= 0xd7ff) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0xfb1d && code <= 0xfdff) ||
    (code >= 0xfe70 && code <= 0xfefc) ||
    (code >= 0xff66 && code <= 0xffdc)
  );
}

function isLatinLetter(code: number): boolean {
  return (
    (code >= 65 && code <= 90) ||
    (code >= 97 && code <= 122) ||
    (code >= 0xc0 && code <= 0x24f && code !== 0xd7 && code !== 0xf7)
  );
}

/** True when most letters of the text are Latin, or it has no letters (emoji, emoticons, numbers). */
function mostlyLatin(text: string): boolean {
  let latin = 0;
  let other = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // Stryker disable next-line ConditionalExpression,EqualityOperator: speed only; isLatinLetter alone decides ASCII letters, which are no other script's
    if (c < 128) {
      if (isLatinLetter(c)) latin++;
    } else if (isLatinLetter(c)) latin++;
    else if (isNonLatinLetter(c)) other++;
  }
  return other <= latin;
}

/**
 * Whether the English scorer covers a text:
 * - "en" and its regional variants ("en-GB"): yes;
 * - no tag (null/undefined: plain text, or a record without `lang`) or X's "could not tell" tags
 *   (und, zxx, qht...): yes when most letters are Latin or there are none, since such tweets are
 *   mostly emoji, hashtags and short English; no for text mostly in another script;
 * - any other language: no. Its tweets are "unscored", never counted as neutral.
 */
export function lexiconCovers(text: string, lang?: string | null): boolean {
  if (lang === undefined || lang === null || lang === '') return mostlyLatin(text);
  if (lang === 'en' || lang.startsWith('en-')) return true;
  const lower = lang.toLowerCase();
  if (lower === 'en' || lower.startsWith('en-')) return true;
  return UNDETERMINED.has(lower) && mostlyLatin(text);
}
