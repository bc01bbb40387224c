// Mutation testing of area engine-partials (see areas.mjs): npm run mutate -- engine-partials
import { strykerConfig } from './areas.mjs';

export default strykerConfig('engine-partials');
