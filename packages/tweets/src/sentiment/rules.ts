// The word lists and constants of VADER's rules (Hutto & Gilbert 2014), with the empirically derived
// weights of the paper. Word lists are lower case.

/** Booster/dampener increment (mean rating change the paper measured for degree adverbs). */
export const BOOST = 0.293;
/** Added to a sentiment word written in ALL CAPS when the rest of the text is not. */
export const CAPS_BOOST = 0.733;
/** A negated sentiment word flips and weakens: "not good" is about -0.74 x "good". */
export const NEGATION_SCALAR = -0.74;
/** compound = sum / sqrt(sum^2 + ALPHA): approximates the largest expected sum. */
export const ALPHA = 15;
/** Emphasis of a stretched sentiment word ("sooo goood"), a fraction of the ALL-CAPS emphasis. */
export const ELONGATION_BOOST = 0.3;
/** Per exclamation mark, counted up to 4. */
export const EXCLAMATION_BOOST = 0.292;
/** Per question mark when there are 2 or 3; 0.96 for more. */
export const QUESTION_BOOST = 0.18;

export const NEGATIONS = new Set([
  'aint',
  'arent',
  'cannot',
  'cant',
  'couldnt',
  'darent',
  'didnt',
  'doesnt',
  "ain't",
  "aren't",
  "can't",
  "couldn't",
  "daren't",
  "didn't",
  "doesn't",
  'dont',
  'hadnt',
  'hasnt',
  'havent',
  'isnt',
  'mightnt',
  'mustnt',
  'neither',
  "don't",
  "hadn't",
  "hasn't",
  "haven't",
  "isn't",
  "mightn't",
  "mustn't",
  'neednt',
  "needn't",
  'never',
  'none',
  'nope',
  'nor',
  'not',
  'nothing',
  'nowhere',
  'oughtnt',
  'shant',
  'shouldnt',
  'uhuh',
  'wasnt',
  'werent',
  "oughtn't",
  "shan't",
  "shouldn't",
  'uh-uh',
  "wasn't",
  "weren't",
  'without',
  'wont',
  'wouldnt',
  "won't",
  "wouldn't",
  'rarely',
  'seldom',
  'despite',
]);

const UP = [
  'absolutely',
  'amazingly',
  'awfully',
  'completely',
  'considerable',
  'considerably',
  'decidedly',
  'deeply',
  'effing',
  'enormous',
  'enormously',
  'entirely',
  'especially',
  'exceptional',
  'exceptionally',
  'extreme',
  'extremely',
  'fabulously',
  'flipping',
  // Stryker disable next-line StringLiteral: equivalent, the tokenizer restores the dropped g ('flipping' is listed)
  'flippin',
  // Stryker disable next-line StringLiteral: equivalent, the tokenizer restores the dropped g ('fracking' is listed)
  'frackin',
  'fracking',
  'freaking',
  // Stryker disable next-line StringLiteral: equivalent, the tokenizer restores the dropped g ('freaking' is listed)
  'freakin',
  'fricking',
  // Stryker disable next-line StringLiteral: equivalent, the tokenizer restores the dropped g ('fricking' is listed)
  'frickin',
  'frigging',
  // Stryker disable next-line StringLiteral: equivalent, the tokenizer restores the dropped g ('frigging' is listed)
  'friggin',
  'fully',
  'fuckin',
  'fucking',
  // Stryker disable next-line StringLiteral: equivalent, the tokenizer restores the dropped g ('fugging' is listed)
  'fuggin',
  'fugging',
  'greatly',
  'hella',
  'highly',
  'hugely',
  'incredible',
  'incredibly',
  'intensely',
  'major',
  'majorly',
  'more',
  'most',
  'particularly',
  'purely',
  'quite',
  'really',
  'remarkably',
  'so',
  'substantially',
  'thoroughly',
  'total',
  'totally',
  'tremendous',
  'tremendously',
  'uber',
  'unbelievably',
  'unusually',
  'utter',
  'utterly',
  'very',
];
const DOWN = [
  'almost',
  'barely',
  'hardly',
  'kinda',
  'kindof',
  'kind-of',
  'less',
  'little',
  'marginal',
  'marginally',
  'occasional',
  'occasionally',
  'partly',
  'scarce',
  'scarcely',
  'slight',
  'slightly',
  'somewhat',
  'sorta',
  'sortof',
  'sort-of',
];

/** Degree adverbs: how much they raise (or lower) the intensity of the sentiment word after them. */
export const BOOSTERS = new Map<string, number>([
  ...UP.map((w) => [w, BOOST] as const),
  ...DOWN.map((w) => [w, -BOOST] as const),
]);

/** Two-word dampeners ("kind of good"): the first word is skipped, the second acts as the booster. */
export const DAMPENER_BIGRAMS = new Map<string, string>([
  ['kind', 'of'],
  ['sort', 'of'],
]);

/**
 * Idioms whose meaning differs from their words ("the shit" is praise). The value replaces the
 * sentiment of the words inside; multi-word entries of the lexicon itself ("fed up") join them.
 */
export const IDIOMS: ReadonlyArray<readonly [string, number]> = [
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
];
