// The socket.io link to the server: validates every event, queues the resulting actions and
// hands them over in one batch at most every `flushMs`, so a burst of events costs one render.
import { io, type Socket } from 'socket.io-client';
import { DASHBOARD_TRANSPORTS, SnapshotSchema, type Snapshot } from '@hashpulse/protocol';
import { SOCKET_EVENT_NAMES, decodeEvent, describeIssues } from './decode';
import type { DashboardAction } from './reducer';

export interface ConnectionOptions {
  /** Server origin; omitted in the browser, where the dashboard is served by the server itself. */
  url?: string;
  /** Longest a validated event waits before it reaches the state (default 200 ms). */
  flushMs?: number;
  onActions: (actions: DashboardAction[]) => void;
}

export interface DashboardConnection {
  /** Asks the server for the whole current state (`snapshot:get`) and applies it. */
  refresh(timeoutMs?: number): Promise<Snapshot>;
  close(): void;
}

export class SnapshotRequestError extends Error {
  override name = 'SnapshotRequestError';
}

export function connectDashboard(options: ConnectionOptions): DashboardConnection {
  const flushMs = options.flushMs ?? 200;
  // socket.io reconnects by itself (with backoff) after a drop or a server restart; a failed
  // WebSocket falls back to long-polling (tryAllTransports).
  const socketOptions = {
    reconnectionDelay: 500,
    reconnectionDelayMax: 5000,
    transports: [...DASHBOARD_TRANSPORTS],
    tryAllTransports: true,
  };
  const socket: Socket = options.url === undefined ? io(socketOptions) : io(options.url, socketOptions);

  let queue: DashboardAction[] = [];
  let timer: ReturnType<typeof globalThis.setTimeout> | null = null;
  let closed = false;

  const flush = (): void => {
    timer = null;
    if (queue.length === 0 || closed) return;
    const actions = queue;
    queue = [];
    options.onActions(actions);
  };
  const enqueue = (actions: DashboardAction[], now = false): void => {
    queue.push(...actions);
    if (now) {
      if (timer !== null) globalThis.clearTimeout(timer);
      flush();
    } else if (timer === null) {
      timer = globalThis.setTimeout(flush, flushMs);
    }
  };

  for (const name of SOCKET_EVENT_NAMES) {
    // A snapshot replaces the whole state, so it goes out at once rather than after queued deltas.
    socket.on(name, (payload: unknown) => enqueue(decodeEvent(name, payload), name === 'snapshot'));
  }
  socket.on('connect', () => enqueue([{ type: 'connection', connection: 'connected' }], true));
  let reconnectTimer: ReturnType<typeof globalThis.setTimeout> | null = null;
  socket.on('disconnect', (reason) => {
    enqueue([{ type: 'connection', connection: 'disconnected' }], true);
    // socket.io reconnects by itself after a lost connection, but not when the server ended it on
    // purpose, which is what a server does as it shuts down (disconnectSockets). A restart must not
    // leave the dashboard dead, so start the reconnection loop ourselves.
    if (reason === 'io server disconnect' && !closed) {
      reconnectTimer = globalThis.setTimeout(() => {
        reconnectTimer = null;
        if (!closed) socket.connect();
      }, socketOptions.reconnectionDelay);
    }
  });
  socket.io.on('reconnect_attempt', () =>
    enqueue([{ type: 'connection', connection: 'disconnected' }], true),
  );

  return {
    async refresh(timeoutMs = 5000) {
      let reply: unknown;
      try {
        reply = await socket.timeout(timeoutMs).emitWithAck('snapshot:get');
      } catch (error) {
        throw new SnapshotRequestError(
          `the server did not answer snapshot:get within ${timeoutMs} ms (${(error as Error).message}); check the connection and try again`,
        );
      }
      const parsed = SnapshotSchema.safeParse(reply);
      if (!parsed.success) {
        const message = describeIssues(parsed.error);
        enqueue([{ type: 'rejected', rejection: { event: 'snapshot:get', message, at: Date.now() } }], true);
        throw new SnapshotRequestError(`the server's snapshot does not match the protocol: ${message}`);
      }
      enqueue([{ type: 'snapshot', snapshot: parsed.data }], true);
      return parsed.data;
    },
    close() {
      closed = true;
      if (timer !== null) globalThis.clearTimeout(timer);
      if (reconnectTimer !== null) globalThis.clearTimeout(reconnectTimer);
      socket.removeAllListeners();
      socket.io.removeAllListeners();
      socket.close();
    },
  };
}
