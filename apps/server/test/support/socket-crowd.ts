// A crowd of real socket.io clients in a child process (so their work never shares the server's
// event loop): connects `clients` of them in steps, records how each handshake ended and what
// window updates arrived, and answers its parent over IPC. Used by the fan-out tests and the load
// benchmark; start it with spawnCrowd() (socket-crowd-process.ts).
// argv[2]: JSON CrowdPlan. IPC in: 'mark' (start counting updates afresh), 'report' (with an
// optional `untilEnd`: answer once every connected client has the window ending there).
import { io as connect, type Socket } from 'socket.io-client';
import { DASHBOARD_TRANSPORTS } from '@hashpulse/protocol';

export interface CrowdPlan {
  url: string;
  clients: number;
  /** engine.io transports, tried in order: the dashboard's (WebSocket, then polling) by default. */
  transports?: Array<'polling' | 'websocket'>;
  /** Clients started together, every `stepMs`. */
  perStep?: number;
  stepMs?: number;
  /** A handshake not done by then counts as failed (socket.io's own default is 20 s). */
  connectTimeoutMs?: number;
  /** Keep every window's receive time (wall clock, ms) by its end, for update latency. */
  recordReceipts?: boolean;
}

export interface CrowdReport {
  attempted: number;
  connected: number;
  failed: number;
  failures: Record<string, number>;
  /** Attempt → snapshot received, per connected client. */
  connectMs: number[];
  windows: number;
  /** Window updates received since the last 'mark', per connected client. */
  windowsSinceMark: number[];
  /** The newest window end each connected client holds. */
  lastEnds: number[];
  /** Window end → wall-clock receive times (recordReceipts). */
  receipts: Record<string, number[]>;
}

interface Member {
  socket: Socket;
  connected: boolean;
  sinceMark: number;
  lastEnd: number;
}

const plan = JSON.parse(process.argv[2] ?? '{}') as CrowdPlan;
const members: Member[] = [];
const connectMs: number[] = [];
const failures: Record<string, number> = {};
const receipts: Record<string, number[]> = {};
let windows = 0;
let settled = 0;

function attempt(): void {
  const started = performance.now();
  const socket = connect(plan.url, {
    transports: plan.transports ?? [...DASHBOARD_TRANSPORTS],
    tryAllTransports: true,
    reconnection: false,
    forceNew: true,
    timeout: plan.connectTimeoutMs ?? 20_000,
  });
  const member: Member = { socket, connected: false, sinceMark: 0, lastEnd: Number.NEGATIVE_INFINITY };
  members.push(member);
  const deadline = setTimeout(() => fail('no snapshot in time'), plan.connectTimeoutMs ?? 20_000);
  function fail(reason: string): void {
    if (member.connected) return;
    clearTimeout(deadline);
    failures[reason] = (failures[reason] ?? 0) + 1;
    socket.close();
    settle();
  }
  socket.once('connect_error', (error: Error) => fail(error.message));
  socket.once('snapshot', () => {
    if (member.connected) return;
    clearTimeout(deadline);
    member.connected = true;
    connectMs.push(performance.now() - started);
    settle();
  });
  socket.on('window', (update: { end: number }) => {
    windows++;
    member.sinceMark++;
    member.lastEnd = Math.max(member.lastEnd, update.end);
    if (plan.recordReceipts) (receipts[update.end] ??= []).push(Date.now());
  });
}

function settle(): void {
  settled++;
  if (settled === plan.clients) process.send?.({ type: 'settled' });
}

function report(): CrowdReport {
  const connected = members.filter((member) => member.connected);
  return {
    attempted: members.length,
    connected: connected.length,
    failed: members.length - connected.length,
    failures,
    connectMs,
    windows,
    windowsSinceMark: connected.map((member) => member.sinceMark),
    lastEnds: connected.map((member) => member.lastEnd),
    receipts,
  };
}

process.on('message', (message: { type: string; untilEnd?: number }) => {
  if (message.type === 'mark') {
    for (const member of members) member.sinceMark = 0;
    process.send?.({ type: 'marked' });
  } else if (message.type === 'report') {
    const { untilEnd } = message;
    const check = () => {
      const waiting =
        untilEnd !== undefined && members.some((member) => member.connected && member.lastEnd < untilEnd);
      if (waiting) setTimeout(check, 20);
      else process.send?.({ type: 'report', report: report() });
    };
    check();
  } else if (message.type === 'close') {
    for (const member of members) member.socket.close();
    process.exit(0);
  }
});

const perStep = plan.perStep ?? plan.clients;
let started = 0;
function step(): void {
  for (let i = 0; i < perStep && started < plan.clients; i++, started++) attempt();
  if (started < plan.clients) setTimeout(step, plan.stepMs ?? 0);
}
step();
