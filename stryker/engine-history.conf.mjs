// Mutation testing of area engine-history (see areas.mjs): npm run mutate -- engine-history
import { strykerConfig } from './areas.mjs';

export default strykerConfig('engine-history');
