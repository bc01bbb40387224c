import { describe, expect, it } from 'vitest';
import { splitHashtags } from './highlight';

describe('hashtag highlighting in the feed', () => {
  it('marks the tweet hashtags case-insensitively and keeps the rest as text', () => {
    expect(splitHashtags('Vote #Brexit now, #brexit! #other', ['brexit'])).toEqual([
      { text: 'Vote ' },
      { text: '#Brexit', tag: 'brexit' },
      { text: ' now, ' },
      { text: '#brexit', tag: 'brexit' },
      { text: '! #other' },
    ]);
  });

  it('handles non-Latin tags and the full-width hash sign', () => {
    expect(splitHashtags('こんにちは ＃東京 and #Straße', ['東京', 'straße'])).toEqual([
      { text: 'こんにちは ' },
      { text: '＃東京', tag: '東京' },
      { text: ' and ' },
      { text: '#Straße', tag: 'straße' },
    ]);
  });

  it('does not treat a longer tag or a mid-word hash as the tag', () => {
    expect(splitHashtags('#demo2 a#demo &#demo', ['demo'])).toEqual([{ text: '#demo2 a#demo &#demo' }]);
  });
});
