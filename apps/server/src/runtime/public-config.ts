// What `/api/config` and every snapshot say about a node: one shape for the single-process runtime
// and a cluster's web node.
import type { PublicConfig, WindowConfig } from '@hashpulse/protocol';
import type { ServerConfig } from '../config/server-config.js';
import type { ProfileStore } from '../profiles/index.js';

export function publicConfigOf(
  config: ServerConfig,
  profiles: ProfileStore,
  window: WindowConfig,
  version: string,
  liveAvailable: boolean,
): PublicConfig {
  return {
    window,
    adminRequired: config.adminToken !== null,
    liveAvailable,
    profileStore: profiles.kind === 'postgres' ? 'postgres' : profiles.kind === 'file' ? 'file' : 'none',
    sentiment: config.sentiment,
    version,
  };
}
