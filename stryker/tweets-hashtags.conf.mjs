// Mutation testing of area tweets-hashtags (see areas.mjs): npm run mutate -- tweets-hashtags
import { strykerConfig } from './areas.mjs';

export default strykerConfig('tweets-hashtags');
