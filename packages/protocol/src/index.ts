// @hashpulse/protocol: one schema for everything that crosses a boundary (REST, socket events,
// files, env), shared by the server and the dashboard.
export * from './duration';
export * from './window-config';
export * from './analytics';
export * from './status';
export * from './rest';
export * from './socket';
export * from './env';
export { z } from 'zod';
