// analyzeTweet: the one derivation of a tweet's counted hashtags and sentiment the job relies on, and
// analysisFromKeys, which rebuilds it from the parts a decode thread sends.
import { describe, expect, it } from 'vitest';
import {
  analysisFromKeys,
  analyzeTweet,
  hashtagKey,
  hashtagKeys,
  lexicon,
  scoreSentiment,
  sentimentModel,
  type Tweet,
} from '../src/index.js';

function tweet(text: string, hashtags: string[], lang: string | null = 'en'): Tweet {
  return {
    id: '1',
    createdAt: 0,
    text,
    lang,
    authorId: null,
    hashtags,
    mentions: [],
    isRetweet: false,
    isQuote: false,
    isReply: false,
    author: null,
  };
}

describe('analyzeTweet', () => {
  it('keys every hashtag as written and counts each key once per tweet', () => {
    const result = analyzeTweet(tweet('#Straße #STRASSE #İstanbul great', ['Straße', 'STRASSE', 'İstanbul']));
    expect(result.hashtags).toEqual([
      { tag: 'Straße', key: 'strasse' },
      { tag: 'STRASSE', key: 'strasse' },
      { tag: 'İstanbul', key: 'istanbul' },
    ]);
    expect(result.hashtagKeys).toEqual(['strasse', 'istanbul']);
    expect(result.hashtagKeys).toEqual(hashtagKeys(['Straße', 'STRASSE', 'İstanbul']));
  });

  it('scores sentiment as scoreSentiment does, unscored outside the lexicon languages', () => {
    const text = 'what a wonderful day';
    expect(analyzeTweet(tweet(text, [])).sentiment).toEqual(scoreSentiment(text, 'en'));
    expect(analyzeTweet(tweet('un jour merveilleux', [], 'fr')).sentiment.label).toBe('unscored');
    expect(analyzeTweet(tweet(text, [])).hashtags).toEqual([]);
  });

  it('scores with the learned model by default, or with the scorer named', () => {
    const text = "not my best day, the bus never came and it's raining";
    expect(analyzeTweet(tweet(text, [])).sentiment).toEqual(sentimentModel.score(text, 'en'));
    expect(analyzeTweet(tweet(text, []), 'model').sentiment).toEqual(sentimentModel.score(text, 'en'));
    expect(analyzeTweet(tweet(text, []), 'lexicon').sentiment).toEqual(lexicon.score(text, 'en'));
    // The two scorers differ, so the choice is not silently ignored.
    expect(sentimentModel.score(text, 'en').score).not.toBe(lexicon.score(text, 'en').score);
  });
});

describe('analysisFromKeys', () => {
  it("rebuilds analyzeTweet's analysis from each hashtag's key and the sentiment", () => {
    const tags = ['Straße', 'STRASSE', 'İstanbul', 'straße'];
    const analysed = analyzeTweet(tweet('#Straße #STRASSE #İstanbul #straße lovely', tags));
    const rebuilt = analysisFromKeys(tags, tags.map(hashtagKey), analysed.sentiment);
    expect(rebuilt).toEqual(analysed);
    expect(analysisFromKeys([], [], analysed.sentiment)).toEqual({
      hashtagKeys: [],
      hashtags: [],
      sentiment: analysed.sentiment,
    });
  });
});
