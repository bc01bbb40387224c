// Mutation testing of area tweets-sentiment-lexicon (see areas.mjs): npm run mutate -- tweets-sentiment-lexicon
import { strykerConfig } from './areas.mjs';

export default strykerConfig('tweets-sentiment-lexicon');
