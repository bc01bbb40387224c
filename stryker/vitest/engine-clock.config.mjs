// Mutation area engine-clock: its test files only (see ../areas.mjs).
import { areaVitestConfig } from './area.mjs';

export default areaVitestConfig('engine-clock');
