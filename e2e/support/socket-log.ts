// Reads the socket.io packets the page itself receives, over both engine.io transports (the client
// opens a WebSocket and falls back to HTTP long-polling), so a test can check what the dashboard
// was sent without a second client: window updates, snapshots, connects.
import type { Page } from 'playwright-core';
import { WindowUpdateSchema, type WindowUpdate } from '@hashpulse/protocol';

export interface SocketLog {
  /** Every `window` event the page received, validated, in the order the test saw them. */
  windows: WindowUpdate[];
  /** `snapshot` events received (one per fresh connection; none after a recovered one). */
  snapshots: number;
  /** socket.io CONNECT acknowledgements received: one per (re)connection. */
  connects: number;
  /** Packets that could not be read (a test should expect none). */
  unreadable: string[];
  /** socket.io WebSockets the page opened, and long-polling GETs it made: which transport it used. */
  websockets: number;
  pollingRequests: number;
}

// engine.io v4 packs several packets in one polling body, separated by the record separator.
const RECORD_SEPARATOR = '\x1e';

function readPacket(log: SocketLog, packet: string): void {
  // "4" is an engine.io message; then a socket.io packet: "0" CONNECT, "2" EVENT (namespace "/").
  if (packet.startsWith('40')) {
    log.connects += 1;
    return;
  }
  if (!packet.startsWith('42')) return;
  try {
    const [name, body] = JSON.parse(packet.slice(2)) as [unknown, unknown];
    if (name === 'window') log.windows.push(WindowUpdateSchema.parse(body));
    else if (name === 'snapshot') log.snapshots += 1;
  } catch (error) {
    log.unreadable.push(`${packet.slice(0, 60)}…: ${(error as Error).message}`);
  }
}

/** Starts recording; call before the page navigates so the first connection is seen too. */
export function recordSocket(page: Page): SocketLog {
  const log: SocketLog = {
    windows: [],
    snapshots: 0,
    connects: 0,
    unreadable: [],
    websockets: 0,
    pollingRequests: 0,
  };
  page.on('websocket', (socket) => {
    if (!socket.url().includes('/socket.io/')) return;
    log.websockets += 1;
    socket.on('framereceived', ({ payload }) => {
      if (typeof payload === 'string') readPacket(log, payload);
    });
  });
  page.on('response', async (response) => {
    const request = response.request();
    if (
      request.method() !== 'GET' ||
      !request.url().includes('/socket.io/') ||
      !request.url().includes('transport=polling')
    ) {
      return;
    }
    log.pollingRequests += 1;
    let body: string;
    try {
      body = await response.text();
    } catch {
      return; // the page went away with the request in flight: nothing was delivered to it
    }
    for (const packet of body.split(RECORD_SEPARATOR)) readPacket(log, packet);
  });
  return log;
}

/** The distinct window ends received, ascending (a resent window counts once). */
export function windowEnds(log: SocketLog): number[] {
  return [...new Set(log.windows.map((w) => w.end))].sort((a, b) => a - b);
}
