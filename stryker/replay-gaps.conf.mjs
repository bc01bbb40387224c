// Mutation testing of area replay-gaps (see areas.mjs): npm run mutate -- replay-gaps
import { strykerConfig } from './areas.mjs';

export default strykerConfig('replay-gaps');
