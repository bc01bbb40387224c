// Public API of @hashpulse/server: start the dashboard server in-process, or run the CLI.
export { loadServerConfig, ConfigError, type ServerConfig } from './config/server-config.js';
export {
  startHashpulse,
  startWebNode,
  type RunningHashpulse,
  type StartOptions,
  type ServedRuntime,
} from './start.js';
export { startBackgroundRole, type RunningRole } from './cluster/start-role.js';
export { runCli } from './cli/main.js';
