// Mutation testing of area engine-clock (see areas.mjs): npm run mutate -- engine-clock
import { strykerConfig } from './areas.mjs';

export default strykerConfig('engine-clock');
