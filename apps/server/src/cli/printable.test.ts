import { describe, expect, it } from 'vitest';
import { printable } from './printable.js';

describe('text from files printed on a terminal', () => {
  it('escapes control characters, bidi overrides and lone surrogates, and keeps other text', () => {
    expect(printable('a\x1b[2Jb\x07c\x00d\x7fe\x9bf')).toBe('a\\x1b[2Jb\\x07c\\x00d\\x7fe\\x9bf');
    expect(printable('line\nbreak\rreturn')).toBe('line\\x0abreak\\x0dreturn');
    expect(printable('abc\u202etxt.exe')).toBe('abc\\u{202e}txt.exe');
    expect(printable('lone \ud800 surrogate')).toBe('lone \\u{d800} surrogate');
    expect(printable('Καλημέρα #東京 😀\ttab \ufffd')).toBe('Καλημέρα #東京 😀\ttab \ufffd');
  });

  it('cuts very long text and says how much was left out', () => {
    expect(printable('x'.repeat(25), 10)).toBe('xxxxxxxxxx… (15 more characters)');
  });
});
