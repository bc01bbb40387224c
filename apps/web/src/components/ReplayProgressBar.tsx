// Replay progress: records played of the recording, pass number, ETA (gaps left out), the
// recording's own clock, the gaps passed at once, duplicates dropped, and what could not be played.
import type { ReplayProgress } from '@hashpulse/protocol';
import { formatCount, formatDateTime, formatMs, formatPercent } from '../format';
import { useTimeZone } from '../state/useTimeZone';

export function ReplayProgressBar({ replay, state }: { replay: ReplayProgress; state: string }) {
  const timeZone = useTimeZone();
  const share = replay.fraction;
  const speed = replay.speed === 'max' ? 'max speed' : `${replay.speed}×`;
  return (
    <div className="replay-progress" data-testid="replay-progress" data-position={replay.position}>
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
        // Records once counted; a streamed recording's first pass is known only as a share.
        aria-valuemax={replay.total ?? (share !== null ? 100 : undefined)}
        aria-valuenow={
          replay.total !== null ? replay.position : share !== null ? Math.round(share * 100) : undefined
        }
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
        {replay.gaps.length > 0 && (
          <>
            <dt>Gaps passed</dt>
            <dd data-testid="replay-gaps">
              {formatMs(replay.gapTimeMs)} without tweets (longer than {formatMs(replay.gapMs)} each)
            </dd>
          </>
        )}
        {replay.duplicatesDropped > 0 && (
          <>
            <dt>Duplicates dropped</dt>
            <dd>{formatCount(replay.duplicatesDropped)}</dd>
          </>
        )}
      </dl>
      {replay.readErrors.length > 0 && (
        <ul className="error-text" data-testid="replay-read-errors">
          {replay.readErrors.map((readError) => (
            <li key={readError}>{readError}</li>
          ))}
        </ul>
      )}
      {replay.problems.length > 0 && (
        <details data-testid="replay-problems">
          <summary>First lines not played</summary>
          <ul>
            {replay.problems.map((problem) => (
              <li key={`${problem.file ?? ''}:${problem.line}`}>
                {problem.file ?? 'stream'} line {problem.line} ({problem.kind}): {problem.message}
              </li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}
