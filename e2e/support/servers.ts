// The real hashpulse server (in-process, 127.0.0.1, demo replay at 100x unless told otherwise) and
// typed reads of its REST API for checking what the dashboard changed.
import {
  PublicConfigSchema,
  SnapshotSchema,
  type PublicConfig,
  type Snapshot,
  type SourceStatus,
} from '@hashpulse/protocol';

export { startTestServer, REPO_ROOT } from '../../apps/server/test/support/test-server.js';
export type { RunningHashpulse } from '../../apps/server/src/start.js';

async function getJson(url: string): Promise<unknown> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`GET ${url} answered ${response.status}: ${await response.text()}`);
  return response.json();
}

export async function serverConfig(serverUrl: string): Promise<PublicConfig> {
  return PublicConfigSchema.parse(await getJson(`${serverUrl}/api/config`));
}

export async function serverSnapshot(serverUrl: string): Promise<Snapshot> {
  return SnapshotSchema.parse(await getJson(`${serverUrl}/api/snapshot`));
}

/** The source status as the server reports it (the snapshot carries it; there is no status route). */
export async function serverStatus(serverUrl: string): Promise<SourceStatus> {
  return (await serverSnapshot(serverUrl)).status;
}
