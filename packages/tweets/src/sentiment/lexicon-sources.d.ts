// Types for vader-sentiment, which ships none: we read its lexicon module directly, and the
// tests and benchmark compare against its analyzer.
declare module 'vader-sentiment/src/vader_lexicon.js' {
  /** VADER's lexicon: token -> mean human valence rating in [-4, 4]. */
  export const lexicon: Record<string, number>;
}

declare module 'vader-sentiment' {
  const vader: {
    SentimentIntensityAnalyzer: {
      polarity_scores(text: string): { neg: number; neu: number; pos: number; compound: number };
    };
  };
  export default vader;
}
