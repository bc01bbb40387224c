// Mutation area tweets-sentiment-model: its test files only (see ../areas.mjs).
import { areaVitestConfig } from './area.mjs';

export default areaVitestConfig('tweets-sentiment-model');
