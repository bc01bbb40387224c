// Control API: changes shared state (window, replay, live), so every route takes the guard options
// app.ts builds (same origin, admin token, JSON body, the brake on failed tokens: request-guard.ts).
import type { FastifyInstance, RouteShorthandOptions } from 'fastify';
import {
  LiveStartRequestSchema,
  ReplaySpeedRequestSchema,
  ReplayStartRequestSchema,
  RuleAddRequestSchema,
  WindowConfigRequestSchema,
} from '@hashpulse/protocol';
import type { DashboardRuntime } from '../../runtime/dashboard-runtime.js';
import { parseRequest } from '../validation.js';

export function registerControlRoutes(
  app: FastifyInstance,
  runtime: DashboardRuntime,
  guarded: RouteShorthandOptions,
): void {
  app.put('/api/window', guarded, async (request) => {
    const window = parseRequest(WindowConfigRequestSchema, request.body, 'window configuration');
    await runtime.setWindow(window);
    return runtime.publicConfig();
  });

  app.post('/api/replay/start', guarded, async (request) =>
    runtime.startReplay(parseRequest(ReplayStartRequestSchema, request.body, 'replay request')),
  );
  app.post('/api/replay/pause', guarded, async () => runtime.pauseReplay());
  app.post('/api/replay/resume', guarded, async () => runtime.resumeReplay());
  app.post('/api/replay/restart', guarded, async () => runtime.restartReplay());
  app.post('/api/replay/stop', guarded, async () => runtime.stopSource());
  app.post('/api/replay/speed', guarded, async (request) => {
    const { speed } = parseRequest(ReplaySpeedRequestSchema, request.body, 'replay speed');
    return runtime.setReplaySpeed(speed);
  });

  app.post('/api/live/start', guarded, async (request) => {
    const { stream } = parseRequest(LiveStartRequestSchema, request.body, 'live request');
    return runtime.startLive(stream);
  });
  app.post('/api/live/stop', guarded, async () => runtime.stopSource());
  app.get('/api/live/rules', guarded, async () => runtime.listRules());
  app.post('/api/live/rules', guarded, async (request, reply) => {
    const rule = parseRequest(RuleAddRequestSchema, request.body, 'stream rule');
    return reply.code(201).send(await runtime.addRule(rule.value, rule.tag));
  });
  app.delete<{ Params: { id: string } }>('/api/live/rules/:id', guarded, async (request, reply) => {
    await runtime.deleteRule(request.params.id);
    return reply.code(204).send();
  });
}
