// Mutation area tweets-sentiment-training: its test files only (see ../areas.mjs).
import { areaVitestConfig } from './area.mjs';

export default areaVitestConfig('tweets-sentiment-training');
