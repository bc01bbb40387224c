// Mutation testing of area live-failure (see areas.mjs): npm run mutate -- live-failure
import { strykerConfig } from './areas.mjs';

export default strykerConfig('live-failure');
