// Mutation testing of area tweets-sentiment-model (see areas.mjs): npm run mutate -- tweets-sentiment-model
import { strykerConfig } from './areas.mjs';

export default strykerConfig('tweets-sentiment-model');
