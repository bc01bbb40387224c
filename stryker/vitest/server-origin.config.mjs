// Mutation area server-origin: its test files only (see ../areas.mjs).
import { areaVitestConfig } from './area.mjs';

export default areaVitestConfig('server-origin');
