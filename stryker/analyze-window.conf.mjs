// Mutation testing of area analyze-window (see areas.mjs): npm run mutate -- analyze-window
import { strykerConfig } from './areas.mjs';

export default strykerConfig('analyze-window');
