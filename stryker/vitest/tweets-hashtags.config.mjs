// Mutation area tweets-hashtags: its test files only (see ../areas.mjs).
import { areaVitestConfig } from './area.mjs';

export default areaVitestConfig('tweets-hashtags');
