// Mutation testing of area engine-window (see areas.mjs): npm run mutate -- engine-window
import { strykerConfig } from './areas.mjs';

export default strykerConfig('engine-window');
