// Mutation testing of area protocol (see areas.mjs): npm run mutate -- protocol
import { strykerConfig } from './areas.mjs';

export default strykerConfig('protocol');
