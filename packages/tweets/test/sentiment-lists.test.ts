// VADER's word lists, word by word: each negation, booster, dampener, idiom and cased emoticon does
// what the reference VADER (npm vader-sentiment) does with it, and each of X's "no language" tags
// lets English-script text be scored. The aggregate accuracy tests cannot see one lost word.
import vader from 'vader-sentiment';
import { describe, expect, it } from 'vitest';
import { lexicon, lexiconCovers } from '../src/index.js';
import { Features, featurize } from '../src/sentiment/features.js';

const score = (text: string) => lexicon.score(text, 'en').score;
const reference = (text: string) => vader.SentimentIntensityAnalyzer.polarity_scores(text).compound;
/** VADER's normalisation of a valence sum into the compound score. */
const compound = (sum: number) => sum / Math.sqrt(sum * sum + 15);

/** VADER's NEGATE list. */
const NEGATIONS = [
  ...['aint', 'arent', 'cannot', 'cant', 'couldnt', 'darent', 'didnt', 'doesnt', 'dont', 'hadnt'],
  ...['hasnt', 'havent', 'isnt', 'mightnt', 'mustnt', 'neither', 'neednt', 'never', 'none', 'nope'],
  ...['nor', 'not', 'nothing', 'nowhere', 'oughtnt', 'shant', 'shouldnt', 'uhuh', 'wasnt', 'werent'],
  ...['uh-uh', 'without', 'wont', 'wouldnt', 'rarely', 'seldom', 'despite'],
  ...["ain't", "aren't", "can't", "couldn't", "daren't", "didn't", "doesn't", "don't", "hadn't"],
  ...["hasn't", "haven't", "isn't", "mightn't", "mustn't", "needn't", "oughtn't", "shan't"],
  ...["shouldn't", "wasn't", "weren't", "won't", "wouldn't"],
];

/** The single-word boosters of VADER's BOOSTER_DICT as npm vader-sentiment ships it. */
const REFERENCE_BOOSTERS = [
  ...['absolutely', 'amazingly', 'awfully', 'completely', 'considerably', 'decidedly', 'deeply'],
  ...['effing', 'enormously', 'entirely', 'especially', 'exceptionally', 'extremely', 'fabulously'],
  ...['flipping', 'flippin', 'fricking', 'frickin', 'frigging', 'friggin', 'fully', 'fucking'],
  ...['greatly', 'hella', 'highly', 'hugely', 'incredibly', 'intensely', 'majorly', 'more', 'most'],
  ...['particularly', 'purely', 'quite', 'really', 'remarkably', 'so', 'substantially', 'thoroughly'],
  ...['totally', 'tremendously', 'uber', 'unbelievably', 'unusually', 'utterly', 'very'],
];
const REFERENCE_DAMPENERS = [
  ...['almost', 'barely', 'hardly', 'kinda', 'kindof', 'kind-of', 'less', 'little', 'marginally'],
  ...['occasionally', 'partly', 'scarcely', 'slightly', 'somewhat', 'sorta', 'sortof', 'sort-of'],
];
/** Boosters and dampeners of later VADER releases (vaderSentiment 3.3) that the npm port lacks. */
const LATER_BOOSTERS = [
  ...['considerable', 'enormous', 'exceptional', 'extreme', 'frackin', 'fracking', 'freakin'],
  ...['freaking', 'fuckin', 'fuggin', 'fugging', 'incredible', 'major', 'total', 'tremendous', 'utter'],
];
const LATER_DAMPENERS = ['marginal', 'occasional', 'scarce', 'slight'];

const GOOD = 1.9; // VADER's rating of "good"
const BOOST = 0.293;

describe("VADER's negations", () => {
  it('each flips and weakens the sentiment word after it, exactly as the reference scores it', () => {
    for (const word of NEGATIONS) {
      expect(score(`${word} good`), `${word} good`).toBeCloseTo(reference(`${word} good`), 4);
      expect(score(`${word} good`), `${word} good`).toBeCloseTo(compound(GOOD * -0.74), 4);
    }
  });

  it('each opens a negated clause for the learned scorer', () => {
    const features = new Features();
    const buckets = (text: string) => {
      featurize(text, 0, 18, features);
      return Array.from(features.buckets.subarray(0, features.count));
    };
    const [good] = buckets('good');
    // The featurizer splits words at "-", so "uh-uh" is read as "uh", "uh" (the shipped weights
    // were trained that way): the one negation it does not see.
    for (const word of NEGATIONS.filter((negation) => negation !== 'uh-uh')) {
      expect(buckets(`${word} good`), word).not.toContain(good);
    }
    expect(buckets('maybe good')).toContain(good);
  });
});

describe("VADER's boosters and dampeners", () => {
  it('each booster raises the sentiment word after it by VADER increment, as the reference does', () => {
    for (const word of REFERENCE_BOOSTERS) {
      expect(score(`${word} good`), `${word} good`).toBeCloseTo(reference(`${word} good`), 4);
      expect(score(`${word} bad`), `${word} bad`).toBeCloseTo(reference(`${word} bad`), 4);
    }
  });

  it('each dampener lowers it by the same increment, as the reference does', () => {
    for (const word of REFERENCE_DAMPENERS) {
      expect(score(`${word} good`), `${word} good`).toBeCloseTo(reference(`${word} good`), 4);
      expect(score(`${word} bad`), `${word} bad`).toBeCloseTo(reference(`${word} bad`), 4);
    }
  });

  it("the later releases' boosters and dampeners act alike, even those the lexicon also rates", () => {
    for (const word of LATER_BOOSTERS) {
      expect(score(`${word} good`), `${word} good`).toBeCloseTo(compound(GOOD + BOOST), 4);
    }
    for (const word of [...LATER_DAMPENERS, 'kind of', 'sort of']) {
      expect(score(`${word} good`), `${word} good`).toBeCloseTo(compound(GOOD - BOOST), 4);
    }
  });
});

describe('idioms and cased emoticons', () => {
  it("each idiom scores its own valence, whatever its words' ratings", () => {
    const idioms: Array<[string, number]> = [
      ['the shit', 3],
      ['the bomb', 3],
      ['bad ass', 1.5],
      ['badass', 1.5],
      ['yeah right', -2],
      ['cut the mustard', 2],
      ['kiss of death', -1.5],
      ['hand to mouth', -2],
      ['to die for', 3],
      ['beating heart', 3.1],
      ['broken heart', -2.9],
      ['fed up', -1.8], // a multi-word entry of the lexicon itself
    ];
    for (const [idiom, valence] of idioms) expect(score(idiom), idiom).toBeCloseTo(compound(valence), 4);
  });

  it('"D:" and its variants are dismay, scored like ":(", while "d:" stays a tongue', () => {
    for (const emoticon of ['D:', 'D-:', 'D=', 'D8']) {
      expect(score(emoticon), emoticon).toBeCloseTo(score(':('), 4);
    }
    expect(score(':(')).toBeCloseTo(compound(-1.9), 4);
    expect(score('d:')).toBeGreaterThan(0);
  });
});

describe("X's tags for no detected language", () => {
  it('each lets Latin-script text be scored and leaves text in another script unscored', () => {
    for (const tag of ['und', 'qam', 'qct', 'qht', 'qme', 'qst', 'zxx', 'art']) {
      expect(lexiconCovers('so good', tag), tag).toBe(true);
      expect(lexiconCovers('очень хорошо', tag), tag).toBe(false);
    }
    expect(lexiconCovers('so good', 'fr')).toBe(false);
  });
});
