// Read-only API: anyone who can open the dashboard may call these.
import type { FastifyInstance } from 'fastify';
import type { Health } from '@hashpulse/protocol';
import type { DashboardRuntime } from '../../runtime/dashboard-runtime.js';

export function registerReadRoutes(app: FastifyInstance, runtime: DashboardRuntime, version: string): void {
  const startedAt = Date.now();
  app.get('/api/health', async (): Promise<Health> => ({
    status: 'ok',
    uptimeSeconds: Math.round((Date.now() - startedAt) / 1000),
    version,
  }));
  app.get('/api/config', async () => runtime.publicConfig());
  app.get('/api/snapshot', async () => runtime.snapshot());
  // By the count key the window updates carry: the server's fold is the only one (clients never
  // fold a spelling themselves), so the key is looked up as it arrives.
  app.get<{ Params: { key: string } }>('/api/hashtags/:key', async (request) =>
    runtime.hashtagDetail(request.params.key),
  );
  app.get('/api/replay/files', async () => runtime.listDataFiles());
}
