// Where tests find the repository, its bundled test data and the CLI, wherever the test file sits.
import path from 'node:path';

export const REPO_ROOT = path.resolve(import.meta.dirname, '../../../..');
/** The real X API recordings and rated tweets copied into the repository (see test-data/README.md). */
export const TEST_DATA = path.join(REPO_ROOT, 'test-data');
/** The `hashpulse` CLI as users run it. */
export const CLI_BIN = path.join(REPO_ROOT, 'apps/server/bin/hashpulse.js');
