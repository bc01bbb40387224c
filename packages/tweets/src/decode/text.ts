// Tweet text clean-up shared by the v1.1 and v2 decoders.

const ENTITY = /&(amp|lt|gt);/g;
const ENTITY_CHAR: Record<string, string> = { amp: '&', lt: '<', gt: '>' };

/**
 * Both API versions HTML-escape exactly &, < and > in tweet text; we unescape them so text is
 * shown and scored as written. Other sequences such as "&quot;" were typed by the author.
 */
export function unescapeTweetText(text: string): string {
  // Stryker disable next-line ConditionalExpression,StringLiteral,UnaryOperator: speed only, without '&' nothing is replaced
  if (text.indexOf('&') === -1) return text;
  // Stryker disable next-line StringLiteral: unreachable, ENTITY matches only the names ENTITY_CHAR has
  return text.replace(ENTITY, (_match, name: string) => ENTITY_CHAR[name] ?? '');
}
