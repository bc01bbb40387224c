// The windows of the single-process runtime (ROLE=all) replaying recordings once at full speed,
// in this process: what a cluster, or the runtime with other settings, must give again.
import path from 'node:path';
import type { WindowUpdate } from '@hashpulse/protocol';
import { loadServerConfig } from '../../src/config/server-config.js';
import { createProfileStore } from '../../src/profiles/index.js';
import { AnalyticsRuntime } from '../../src/runtime/analytics-runtime.js';
import { REPO_ROOT } from './paths.js';

/** `env`: the server's settings (DATA_DIR, DEMO_FILES, windows...); one pass at `max`, no saved state. */
export async function runtimeWindows(env: Record<string, string>): Promise<WindowUpdate[]> {
  const config = loadServerConfig(
    { DEMO_LOOP: 'false', REPLAY_SPEED: 'max', PROFILES_FILE: '', STATE_DIR: 'off', ...env },
    REPO_ROOT,
    path.join(REPO_ROOT, 'apps/web/dist'),
  );
  const runtime = new AnalyticsRuntime({
    config,
    profiles: await createProfileStore(config.profilesFile ?? undefined),
    version: 'test',
  });
  const windows: WindowUpdate[] = [];
  runtime.events.on('window', (update) => windows.push(update));
  runtime.events.on('log', () => {});
  const ended = new Promise<void>((resolve) =>
    runtime.events.on('status', (status) => {
      if (status.state === 'ended') resolve();
    }),
  );
  await runtime.startDefaultSource();
  await ended;
  await runtime.close();
  return windows;
}
