// Mutation testing of area recording-kind (see areas.mjs): npm run mutate -- recording-kind
import { strykerConfig } from './areas.mjs';

export default strykerConfig('recording-kind');
