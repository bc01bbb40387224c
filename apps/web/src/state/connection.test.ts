// Runs the dashboard's socket link against a real socket.io server on 127.0.0.1, port 0.
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { Server, type Socket as ServerSocket } from 'socket.io';
import { connectDashboard, type DashboardConnection } from './connection';
import { initialState, reducer, type DashboardAction, type DashboardState } from './reducer';
import { feedTweet, snapshot, windowUpdate } from '../testing/fixtures';

let http: HttpServer | null = null;
let io: Server | null = null;
let link: DashboardConnection | null = null;

afterEach(async () => {
  link?.close();
  link = null;
  await new Promise<void>((resolve) => void (io ? io.close(() => resolve()) : resolve()));
  io = null;
  http = null;
});

async function startServer(onConnect: (socket: ServerSocket) => void): Promise<string> {
  http = createServer();
  io = new Server(http);
  io.on('connection', onConnect);
  await new Promise<void>((resolve) => http!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(http!.address() as AddressInfo).port}`;
}

/** Collects applied state; resolves when `done(state)` holds, or fails after a bounded wait. */
function follow(url: string, done: (state: DashboardState) => boolean): Promise<DashboardState> {
  return new Promise((resolve, reject) => {
    let state = initialState;
    const timer = setTimeout(
      () => reject(new Error(`state never matched; last: ${JSON.stringify(state).slice(0, 400)}`)),
      10_000,
    );
    link = connectDashboard({
      url,
      flushMs: 20,
      onActions: (actions: DashboardAction[]) => {
        state = reducer(state, { type: 'batch', actions });
        if (done(state)) {
          clearTimeout(timer);
          resolve(state);
        }
      },
    });
  });
}

describe('dashboard socket link', () => {
  it('applies the snapshot and the updates that follow it', async () => {
    const url = await startServer((socket) => {
      socket.emit('snapshot', snapshot());
      socket.emit('window', windowUpdate(1_700_000_015_000, [['next', 2]]));
      socket.emit('tweets', [feedTweet('9')]);
    });
    const state = await follow(url, (s) => s.windows.length === 3 && s.feed.length === 3);
    expect(state.connection).toBe('connected');
    expect(state.windows.at(-1)!.hashtags[0]!.tag).toBe('next');
    expect(state.feed[0]!.id).toBe('9');
  });

  it('a bad payload is reported and the last good state is kept', async () => {
    const url = await startServer((socket) => {
      socket.emit('snapshot', snapshot());
      socket.emit('window', { ...windowUpdate(1_700_000_015_000, []), tweets: -1 });
      socket.emit('config', { nonsense: true });
    });
    const state = await follow(url, (s) => s.rejectedTotal === 2);
    expect(state.windows.map((w) => w.end)).toEqual([1_700_000_005_000, 1_700_000_010_000]);
    expect(state.config).toEqual(snapshot().config);
    expect(state.rejections.map((r) => r.event)).toEqual(['window', 'config']);
    expect(state.rejections[0]!.message).toMatch(/^tweets:/);
  });

  it('says it is disconnected when the server goes away', async () => {
    let serverSocket: ServerSocket | null = null;
    const url = await startServer((socket) => {
      serverSocket = socket;
      socket.emit('snapshot', snapshot());
    });
    const seen: string[] = [];
    await follow(url, (s) => {
      seen.push(s.connection);
      if (s.connection === 'connected' && s.windows.length > 0) serverSocket?.disconnect(true);
      return s.connection === 'disconnected';
    });
    expect(seen).toContain('connected');
  });

  it('comes back by itself when the server ends the connection as it shuts down', async () => {
    let connections = 0;
    const url = await startServer((socket) => {
      connections += 1;
      socket.emit('snapshot', snapshot({ feed: [feedTweet(`c${connections}`)] }));
      // The first connection is ended the way a shutting-down server ends all of them.
      if (connections === 1) setTimeout(() => io?.disconnectSockets(true), 50);
    });
    const seen: string[] = [];
    const state = await follow(url, (s) => {
      seen.push(s.connection);
      return s.connection === 'connected' && s.feed[0]?.id === 'c2';
    });
    expect(seen).toContain('disconnected');
    expect(state.feed.map((t) => t.id)).toEqual(['c2']);
  });

  it('refresh asks the server for a snapshot and applies it', async () => {
    const url = await startServer((socket) => {
      socket.on('snapshot:get', (reply: (s: unknown) => void) =>
        reply(snapshot({ windows: [windowUpdate(1_700_000_020_000, [['asked', 1]])] })),
      );
    });
    const connected = follow(url, (s) => s.connection === 'connected');
    await connected;
    const snap = await link!.refresh(5000);
    expect(snap.windows[0]!.hashtags[0]!.tag).toBe('asked');
  });
});
