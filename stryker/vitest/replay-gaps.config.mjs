// Mutation area replay-gaps: its test files only (see ../areas.mjs).
import { areaVitestConfig } from './area.mjs';

export default areaVitestConfig('replay-gaps');
