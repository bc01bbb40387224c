// Mutation testing of area engine-scheduler (see areas.mjs): npm run mutate -- engine-scheduler
import { strykerConfig } from './areas.mjs';

export default strykerConfig('engine-scheduler');
