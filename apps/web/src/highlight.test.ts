import { describe, expect, it } from 'vitest';
import { splitHashtags } from './highlight';

describe('hashtag highlighting in the feed', () => {
  it('marks each hashtag the server listed, as written, with its count key', () => {
    const brexit = { tag: 'Brexit', key: 'brexit' };
    const lower = { tag: 'brexit', key: 'brexit' };
    expect(splitHashtags('Vote #Brexit now, #brexit! #other', [brexit, lower])).toEqual([
      { text: 'Vote ' },
      { text: '#Brexit', hashtag: brexit },
      { text: ' now, ' },
      { text: '#brexit', hashtag: lower },
      { text: '! #other' },
    ]);
  });

  it('handles non-Latin tags and the full-width hash sign', () => {
    const tokyo = { tag: '東京', key: '東京' };
    const strasse = { tag: 'Straße', key: 'strasse' };
    expect(splitHashtags('こんにちは ＃東京 and #Straße', [tokyo, strasse])).toEqual([
      { text: 'こんにちは ' },
      { text: '＃東京', hashtag: tokyo },
      { text: ' and ' },
      { text: '#Straße', hashtag: strasse },
    ]);
  });

  it('carries the server key for tags JavaScript lower-cases differently (the client never folds)', () => {
    // 'İstanbul'.toLocaleLowerCase() is 'i̇stanbul' and 'ΟΔΟΣ' gives 'οδος': neither is the key.
    const istanbul = { tag: 'İstanbul', key: 'istanbul' };
    const odos = { tag: 'ΟΔΟΣ', key: 'οδοσ' };
    const parts = splitHashtags('#İstanbul #ΟΔΟΣ', [istanbul, odos]);
    expect(parts.flatMap((part) => (part.hashtag ? [part.hashtag.key] : []))).toEqual(['istanbul', 'οδοσ']);
  });

  it('does not treat a longer tag or a mid-word hash as the tag', () => {
    expect(splitHashtags('#demo2 a#demo &#demo', [{ tag: 'demo', key: 'demo' }])).toEqual([
      { text: '#demo2 a#demo &#demo' },
    ]);
  });
});
