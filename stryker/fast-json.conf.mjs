// Mutation testing of area fast-json (see areas.mjs): npm run mutate -- fast-json
import { strykerConfig } from './areas.mjs';

export default strykerConfig('fast-json');
