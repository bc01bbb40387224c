// Public API of @hashpulse/server: start the dashboard server in-process, or run the CLI.
export { loadServerConfig, ConfigError, type ServerConfig } from './config/server-config.js';
export { startHashpulse, type RunningHashpulse, type StartOptions } from './start.js';
export { runCli } from './cli/main.js';
