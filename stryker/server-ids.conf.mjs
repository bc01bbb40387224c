// Mutation testing of area server-ids (see areas.mjs): npm run mutate -- server-ids
import { strykerConfig } from './areas.mjs';

export default strykerConfig('server-ids');
