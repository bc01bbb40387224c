// Mutation testing of area server-origin (see areas.mjs): npm run mutate -- server-origin
import { strykerConfig } from './areas.mjs';

export default strykerConfig('server-origin');
