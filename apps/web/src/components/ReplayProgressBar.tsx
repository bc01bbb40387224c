// Replay progress: records played of the recording, pass number, ETA and the recording's own clock.
import type { ReplayProgress } from '@hashpulse/protocol';
import { formatCount, formatDateTime, formatMs, formatPercent } from '../format';
import { useTimeZone } from '../state/useTimeZone';

export function ReplayProgressBar({ replay, state }: { replay: ReplayProgress; state: string }) {
  const timeZone = useTimeZone();
  const share =
    replay.total !== null && replay.total > 0 ? Math.min(1, replay.position / replay.total) : null;
  const speed = replay.speed === 'max' ? 'max speed' : `${replay.speed}×`;
  return (
    <div className="replay-progress" data-testid="replay-progress">
      <div className="progress-head">
        <span>
          {formatCount(replay.position)}
          {replay.total !== null && ` of ${formatCount(replay.total)}`} records
          {share !== null && <span className="muted"> ({formatPercent(share)})</span>}
        </span>
        <span className="muted">
          {state === 'running' && replay.etaMs !== null ? `ETA ${formatMs(replay.etaMs)}` : state}
        </span>
      </div>
      <div
        className="progress"
        role="progressbar"
        aria-label="Replay progress"
        aria-valuemin={0}
        aria-valuemax={replay.total ?? undefined}
        aria-valuenow={replay.total !== null ? replay.position : undefined}
        aria-valuetext={share !== null ? formatPercent(share) : `${formatCount(replay.position)} records`}
      >
        <span
          className={share === null ? 'progress-fill indeterminate' : 'progress-fill'}
          style={{ width: `${(share ?? 1) * 100}%` }}
        />
      </div>
      <dl className="facts">
        <dt>Files</dt>
        <dd>{replay.files.join(', ')}</dd>
        <dt>Speed</dt>
        <dd>
          {speed}
          {replay.loop ? ', looping' : ''}
          {/* The server counts passes from 1 (0 before the first starts); only a repeat is worth saying. */}
          {replay.pass > 1 ? ` (pass ${replay.pass})` : ''}
        </dd>
        {replay.clockTime !== null && (
          <>
            <dt>Recording time</dt>
            <dd data-testid="recording-time">{formatDateTime(replay.clockTime, timeZone)}</dd>
          </>
        )}
      </dl>
    </div>
  );
}
