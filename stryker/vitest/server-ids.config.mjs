// Mutation area server-ids: its test files only (see ../areas.mjs).
import { areaVitestConfig } from './area.mjs';

export default areaVitestConfig('server-ids');
