// Mutation testing of area tweets-decode (see areas.mjs): npm run mutate -- tweets-decode
import { strykerConfig } from './areas.mjs';

export default strykerConfig('tweets-decode');
