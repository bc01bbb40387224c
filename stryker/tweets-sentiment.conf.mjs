// Mutation testing of area tweets-sentiment (see areas.mjs): npm run mutate -- tweets-sentiment
import { strykerConfig } from './areas.mjs';

export default strykerConfig('tweets-sentiment');
