// Mutation testing of area tweets-sentiment-training (see areas.mjs): npm run mutate -- tweets-sentiment-training
import { strykerConfig } from './areas.mjs';

export default strykerConfig('tweets-sentiment-training');
