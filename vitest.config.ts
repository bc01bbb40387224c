// One test runner, three projects. Where a test lives says what it needs:
//   unit         beside its module (src/**/x.test.ts) or by feature in a package's test/: in-process,
//                no service, no server, no child process (`npm run test:unit`);
//   integration  apps/server/test/: PostgreSQL, Redis, the HTTPS X API test server, child processes,
//                the real server;
//   browser      e2e/: the built dashboard in Chromium (`npm run build` first; `npm test` does it).
// `npm test` runs all three.
import { defaultServerConditions } from 'vite';
import { defineConfig, type TestProjectInlineConfiguration } from 'vitest/config';

const UNIT = ['packages/*/src/**/*.test.ts', 'packages/*/test/**/*.test.ts', 'apps/*/src/**/*.test.ts'];
const INTEGRATION = ['apps/server/test/**/*.test.ts'];
const BROWSER = ['e2e/**/*.test.ts'];

// Workspace packages resolve to their TypeScript source (see tsconfig.base.json), in the test
// process through Vite and, through NODE_OPTIONS, in every node process a test starts (the CLI, crash
// children); `--import tsx` or the CLI's bin then loads the source.
const SOURCE_CONDITION = 'hashpulse-source';

function project(name: string, include: string[]): TestProjectInlineConfiguration {
  return { extends: true, test: { name, include, exclude: ['**/node_modules/**', '**/dist/**'] } };
}

export default defineConfig({
  resolve: { conditions: [SOURCE_CONDITION, ...defaultServerConditions] },
  ssr: { resolve: { conditions: [SOURCE_CONDITION, ...defaultServerConditions] } },
  test: {
    env: { NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --conditions=${SOURCE_CONDITION}`.trim() },
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    projects: [project('unit', UNIT), project('integration', INTEGRATION), project('browser', BROWSER)],
  },
});
