// Starts the real hashpulse server (fastify + socket.io + engine + replay) on a free loopback
// port for tests, and connects real socket.io clients to it.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { io as connect, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '@hashpulse/protocol';
import { loadServerConfig } from '../../src/config/server-config.js';
import { startHashpulse, type RunningHashpulse, type StartOptions } from '../../src/start.js';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');

export type TestClient = Socket<ServerToClientEvents, ClientToServerEvents>;

export async function startTestServer(
  env: Record<string, string> = {},
  options: StartOptions = {},
): Promise<RunningHashpulse> {
  const config = loadServerConfig(
    // No resume unless a test asks for it: servers sharing one state directory would resume each other.
    { PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', REPLAY_SPEED: '100', STATE_DIR: 'off', ...env },
    REPO_ROOT,
    path.join(REPO_ROOT, 'apps/web/dist'),
  );
  return startHashpulse(config, options);
}

/** Why each test client was disconnected, for the message of a wait that timed out. */
const disconnects = new WeakMap<TestClient, string>();

export function connectClient(url: string): TestClient {
  const client: TestClient = connect(url, { transports: ['websocket'], reconnection: false, forceNew: true });
  client.on('disconnect', (reason) => disconnects.set(client, `${reason} at ${new Date().toISOString()}`));
  return client;
}

/** The client's connection, as a timed-out wait reports it. */
function connection(client: TestClient): string {
  const gone = disconnects.get(client);
  return gone === undefined ? 'the client is connected' : `the client was disconnected (${gone})`;
}

/** Resolves with the next event payload that satisfies `accept`, or rejects after `timeoutMs`. */
export function nextEvent<E extends keyof ServerToClientEvents>(
  client: TestClient,
  event: E,
  accept: (payload: Parameters<ServerToClientEvents[E]>[0]) => boolean = () => true,
  timeoutMs = 20_000,
): Promise<Parameters<ServerToClientEvents[E]>[0]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      client.off(event, listener as never);
      reject(new Error(`no matching "${String(event)}" event within ${timeoutMs} ms; ${connection(client)}`));
    }, timeoutMs);
    function listener(payload: Parameters<ServerToClientEvents[E]>[0]) {
      if (!accept(payload)) return;
      clearTimeout(timer);
      client.off(event, listener as never);
      resolve(payload);
    }
    client.on(event, listener as never);
  });
}

/**
 * The next `count` matching events, in order, caught by one listener: awaiting `nextEvent` twice
 * can miss an event, since socket.io emits the packets of one network read synchronously, before
 * the first await resumes.
 */
export function nextEvents<E extends keyof ServerToClientEvents>(
  client: TestClient,
  event: E,
  count: number,
  accept: (payload: Parameters<ServerToClientEvents[E]>[0]) => boolean = () => true,
  timeoutMs = 20_000,
): Promise<Array<Parameters<ServerToClientEvents[E]>[0]>> {
  const caught: Array<Parameters<ServerToClientEvents[E]>[0]> = [];
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      client.off(event, listener as never);
      reject(
        new Error(
          `${caught.length} of ${count} matching "${String(event)}" events within ${timeoutMs} ms; ${connection(client)}`,
        ),
      );
    }, timeoutMs);
    function listener(payload: Parameters<ServerToClientEvents[E]>[0]) {
      if (!accept(payload)) return;
      caught.push(payload);
      if (caught.length < count) return;
      clearTimeout(timer);
      client.off(event, listener as never);
      resolve(caught);
    }
    client.on(event, listener as never);
  });
}

/** Fetches and parses a JSON body; tests assert its shape themselves. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function getJson(url: string, init?: RequestInit): Promise<any> {
  return (await fetch(url, init)).json();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function jsonOf(response: Response): Promise<any> {
  return response.json();
}
