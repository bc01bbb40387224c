// Makes text that came from a file safe to print on a terminal: control characters (which can move
// the cursor, clear the screen or retitle the window), bidirectional overrides and lone surrogates
// are shown escaped (\x1b, \u{202e}), and very long text is cut, so no raw bytes of a hostile or
// binary file reach the terminal.

/** C0 and C1 controls except tab, DEL, bidi marks and overrides, unpaired surrogates. */
const UNSAFE =
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]/gu;
export const MAX_PRINTED_CHARS = 2000;

function escape(char: string): string {
  const code = char.codePointAt(0)!;
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u{${code.toString(16)}}`;
}

/** One line of text safe for a terminal: escaped, and cut to `maxChars` with a count of the rest. */
export function printable(text: string, maxChars = MAX_PRINTED_CHARS): string {
  const cut = text.length > maxChars ? text.slice(0, maxChars) : text;
  const safe = cut.replace(UNSAFE, escape);
  return cut === text ? safe : `${safe}… (${(text.length - maxChars).toLocaleString('en')} more characters)`;
}
