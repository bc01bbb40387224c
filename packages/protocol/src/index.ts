// @hashpulse/protocol: one schema for everything that crosses a boundary (REST, socket events,
// files, env), shared by the server and the dashboard.
export * from './errors.js';
export * from './duration.js';
export * from './window-config.js';
export * from './analytics.js';
export * from './status.js';
export * from './rest.js';
export * from './socket.js';
export * from './env.js';
export * from './saved-session.js';
export * from './cluster.js';
export { z } from 'zod';
