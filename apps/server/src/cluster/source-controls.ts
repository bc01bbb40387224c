// A web node's side of the control plane for the source: replay and live controls go to the
// ingest node through Redis (it plays the source), and each request is answered with the ingest's
// status once that shows the control applied. Start, live and restart begin a new run, which this
// node follows before it answers, so its dashboards are already reset when the answer arrives.
// Stream rules live at X, not in the cluster: this node calls X itself, as one process does.
import { randomUUID } from 'node:crypto';
import type {
  ClusterIngestStatus,
  IngestControl,
  ReplaySpeed,
  SourceStatus,
  StreamRule,
} from '@hashpulse/protocol';
import type { Redis } from 'ioredis';
import type { ServerConfig } from '../config/server-config.js';
import { RequestRefusedError, type ReplayStart } from '../runtime/dashboard-runtime.js';
import { addRule, deleteRule, listRules, liveConnection } from '../runtime/live-rules.js';
import { refuseNonRecordings } from '../runtime/replay-files.js';
import { StreamRules, type LiveStream } from '../sources/index.js';
import type { ClusterKeys } from './cluster-keys.js';
import { ingestControlFields, LIVE_NOT_CONTROLLED } from './ingest-commands.js';

/** How long pause, resume and speed wait for the ingest node's status to show them applied. */
const CONTROL_WAIT_MS = 5000;
/** How long start, live, restart and stop wait for the ingest node's answer (a start opens the files first). */
const ANSWER_WAIT_MS = 30_000;
const POLL_MS = 100;

export interface SourceControlHost {
  /** Reads the cluster's status from Redis now; the ingest node's part (null while it wrote none). */
  poll(): Promise<ClusterIngestStatus | null>;
  /** The status as this node's dashboards see it now. */
  status(): SourceStatus;
  /** Moves this node to the run given, if it is newer than the one it plays. */
  followRun(run: number): Promise<void>;
}

export class SourceControls {
  private streamRules: StreamRules | null = null;

  constructor(
    private readonly redis: Redis,
    private readonly keys: ClusterKeys,
    /** The node's settings, and extra CA certificates the rules client trusts (a test's X API). */
    private readonly node: { config: ServerConfig; liveCa?: string },
    private readonly host: SourceControlHost,
  ) {}

  /** Checked here as one process checks it (files under DATA_DIR, recordings), then played in a new run. */
  async start(replay: ReplayStart): Promise<SourceStatus> {
    await refuseNonRecordings(this.node.config.dataDir, replay.files);
    return this.answered({ kind: 'start', id: randomUUID(), replay });
  }

  /** The live stream, played by the ingest node with its own X_BEARER_TOKEN, in a new run. */
  startLive(stream: LiveStream): Promise<SourceStatus> {
    return this.answered({ kind: 'live', id: randomUUID(), stream });
  }

  async listRules(): Promise<StreamRule[]> {
    return listRules(this.rules());
  }

  async addRule(value: string, tag?: string): Promise<StreamRule> {
    return addRule(this.rules(), value, tag);
  }

  async deleteRule(id: string): Promise<void> {
    return deleteRule(this.rules(), id);
  }

  restart(): Promise<SourceStatus> {
    return this.answered({ kind: 'restart', id: randomUUID() });
  }

  stop(): Promise<SourceStatus> {
    return this.answered({ kind: 'stop', id: randomUUID() });
  }

  pause(): Promise<SourceStatus> {
    return this.applied({ kind: 'pause' }, (status) => status.state === 'paused');
  }

  resume(): Promise<SourceStatus> {
    return this.applied({ kind: 'resume' }, (status) => status.state !== 'paused');
  }

  setSpeed(speed: ReplaySpeed): Promise<SourceStatus> {
    return this.applied({ kind: 'speed', speed }, (status) => status.replay?.speed === speed);
  }

  /** This node's rules client, with its own X_BEARER_TOKEN (refused, 409, without one). */
  private rules(): StreamRules {
    this.streamRules ??= StreamRules.connect(liveConnection(this.node.config, this.node.liveCa));
    return this.streamRules;
  }

  private send(control: IngestControl): Promise<unknown> {
    return this.redis.xadd(
      this.keys.ingestControl,
      'MAXLEN',
      '~',
      1000,
      '*',
      ...ingestControlFields(control),
    );
  }

  /**
   * A control the playing replay takes at once: answered with the ingest's status once it shows
   * the control applied (or, after a few seconds, as it is: the ingest's log says why).
   */
  private async applied(control: IngestControl, done: (status: SourceStatus) => boolean) {
    const { kind, state } = this.host.status();
    if (kind === 'live' && state !== 'stopped') throw new RequestRefusedError(LIVE_NOT_CONTROLLED, 409);
    if (kind !== 'replay' || state === 'stopped')
      throw new RequestRefusedError('no replay is running on the ingest node: start one first', 409);
    await this.send(control);
    const deadline = Date.now() + CONTROL_WAIT_MS;
    while (Date.now() < deadline) {
      await this.host.poll();
      if (done(this.host.status())) break;
      await sleep(POLL_MS);
    }
    return this.host.status();
  }

  /** A control the ingest node answers (start, live, restart, stop): its refusal is this request's. */
  private async answered(control: IngestControl & { id: string }): Promise<SourceStatus> {
    await this.send(control);
    const deadline = Date.now() + ANSWER_WAIT_MS;
    while (Date.now() < deadline) {
      const ingest = await this.host.poll();
      if (ingest?.answer?.id === control.id) {
        const { refused } = ingest.answer;
        if (refused !== null) throw new RequestRefusedError(refused.message, refused.statusCode);
        if (ingest.run !== undefined) await this.host.followRun(ingest.run);
        return this.host.status();
      }
      await sleep(POLL_MS);
    }
    throw new RequestRefusedError(
      `the ingest node did not answer the ${control.kind} within ${ANSWER_WAIT_MS / 1000} s: is it running (ROLE=ingest)? It takes controls sent while it runs only`,
      503,
    );
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
