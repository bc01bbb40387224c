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
  app.get<{ Params: { tag: string } }>('/api/hashtags/:tag', async (request) =>
    runtime.hashtagDetail(request.params.tag),
  );
  app.get('/api/replay/files', async () => runtime.listDataFiles());
}
