// Mutation area recording-kind: its test files only (see ../areas.mjs).
import { areaVitestConfig } from './area.mjs';

export default areaVitestConfig('recording-kind');
