// Mutation testing of area data-dir (see areas.mjs): npm run mutate -- data-dir
import { strykerConfig } from './areas.mjs';

export default strykerConfig('data-dir');
