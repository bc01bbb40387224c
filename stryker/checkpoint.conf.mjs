// Mutation testing of area checkpoint (see areas.mjs): npm run mutate -- checkpoint
import { strykerConfig } from './areas.mjs';

export default strykerConfig('checkpoint');
