// `npm start`: validates the environment (and `.env` when present), opens the profile store, starts
// the analytics runtime (the bundled demo replay by default) and serves the dashboard.
import { nativeJson } from '@hashpulse/fast-json';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { withEnvFile } from './config/env-file.js';
import { loadServerConfig } from './config/server-config.js';
import { startBackgroundRole } from './cluster/start-role.js';
import { startHashpulse, startWebNode } from './start.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

async function main(): Promise<void> {
  const cwd = process.cwd();
  const config = loadServerConfig(withEnvFile(process.env, cwd), cwd, path.join(repoRoot, 'apps/web/dist'));
  if (!nativeJson.available) {
    console.warn(
      `hashpulse: the native JSON parser is not built (${nativeJson.reason}); decoding uses JSON.parse alone, with the same results and more CPU (README: Quick start)`,
    );
  }
  let running: { close(): Promise<void> };
  if (config.role === 'ingest' || config.role === 'worker') {
    const role = await startBackgroundRole(config);
    console.log(`hashpulse: ROLE=${config.role}: ${role.describe}`);
    running = role;
  } else {
    const served = config.role === 'web' ? await startWebNode(config) : await startHashpulse(config);
    console.log(`hashpulse dashboard: ${served.url}${config.role === 'web' ? ' (ROLE=web)' : ''}`);
    running = served;
  }
  let closing = false;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (closing) process.exit(1);
      closing = true;
      running.close().then(
        () => process.exit(0),
        (error: unknown) => {
          console.error(`hashpulse: shutdown failed: ${(error as Error).message}`);
          process.exit(1);
        },
      );
    });
  }
}

main().catch((error: unknown) => {
  console.error(`hashpulse: ${(error as Error).message}`);
  process.exit(1);
});
