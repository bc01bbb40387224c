// A web node's side of the control plane for the source: replay controls go to the ingest node
// through Redis (it plays the source), and each request is answered with the ingest's status once
// that shows the control applied. Start and restart begin a new run, which this node follows
// before it answers, so its dashboards are already reset when the answer arrives.
import { randomUUID } from 'node:crypto';
import type { ClusterIngestStatus, IngestControl, ReplaySpeed, SourceStatus } from '@hashpulse/protocol';
import type { Redis } from 'ioredis';
import { RequestRefusedError, type ReplayStart } from '../runtime/dashboard-runtime.js';
import { refuseNonRecordings } from '../runtime/replay-files.js';
import type { ClusterKeys } from './cluster-keys.js';
import { ingestControlFields } from './ingest-commands.js';

/** How long pause, resume and speed wait for the ingest node's status to show them applied. */
const CONTROL_WAIT_MS = 5000;
/** How long start, restart and stop wait for the ingest node's answer (a start opens the files first). */
const ANSWER_WAIT_MS = 30_000;
const POLL_MS = 100;
const LIVE_NOT_IN_CLUSTER =
  'in a cluster the ingest node (ROLE=ingest) plays replays only: the live X API source and its rules are not built for a cluster yet (start, restart, stop, pause, resume and speed of a replay work from any web node)';

export interface SourceControlHost {
  /** Reads the cluster's status from Redis now; the ingest node's part (null while it wrote none). */
  poll(): Promise<ClusterIngestStatus | null>;
  /** The status as this node's dashboards see it now. */
  status(): SourceStatus;
  /** Moves this node to the run given, if it is newer than the one it plays. */
  followRun(run: number): Promise<void>;
}

export class SourceControls {
  constructor(
    private readonly redis: Redis,
    private readonly keys: ClusterKeys,
    private readonly dataDir: string,
    private readonly host: SourceControlHost,
  ) {}

  /** Checked here as one process checks it (files under DATA_DIR, recordings), then played in a new run. */
  async start(replay: ReplayStart): Promise<SourceStatus> {
    await refuseNonRecordings(this.dataDir, replay.files);
    return this.answered({ kind: 'start', id: randomUUID(), replay });
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

  /** Live control (start, rules) is not built for a cluster yet. */
  refuseLive(): Promise<never> {
    return Promise.reject(new RequestRefusedError(LIVE_NOT_IN_CLUSTER, 409));
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

  /** A control the ingest node answers (start, restart, stop): its refusal is this request's. */
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
