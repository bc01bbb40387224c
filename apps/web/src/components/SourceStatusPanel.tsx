// The source feeding the engine: kind, state, message, replay progress or live connection details,
// and the decoder's rejected/skipped counts.
import { memo } from 'react';
import type { SourceStatus } from '@hashpulse/protocol';
import { formatCount, formatTime } from '../format';
import { useTimeZone } from '../state/useTimeZone';
import { EmptyState } from './EmptyState';
import { Panel } from './Panel';
import { ReplayProgressBar } from './ReplayProgressBar';
import { SourceBadge } from './SourceBadge';

function LiveDetails({ live }: { live: NonNullable<SourceStatus['live']> }) {
  const timeZone = useTimeZone();
  return (
    <dl className="facts">
      <dt>Stream</dt>
      <dd>{live.stream}</dd>
      {live.reconnectAttempt > 0 && (
        <>
          <dt>Reconnect attempt</dt>
          <dd>
            {live.reconnectAttempt}
            {live.nextRetryAt !== null && `, next at ${formatTime(live.nextRetryAt, timeZone)}`}
          </dd>
        </>
      )}
      {live.rateLimitResetAt !== null && (
        <>
          <dt>Rate limit resets</dt>
          <dd data-testid="rate-limit-reset">{formatTime(live.rateLimitResetAt, timeZone)}</dd>
        </>
      )}
      <dt>Duplicates dropped</dt>
      <dd>{formatCount(live.duplicatesDropped)}</dd>
    </dl>
  );
}

export const SourceStatusPanel = memo(function SourceStatusPanel({
  status,
}: {
  status: SourceStatus | null;
}) {
  const timeZone = useTimeZone();
  return (
    <Panel
      title="Source"
      testId="status"
      meta={status ? `updated ${formatTime(status.updatedAt, timeZone)}` : undefined}
    >
      {status === null ? (
        <EmptyState>Waiting for the source status…</EmptyState>
      ) : (
        <div className="stack">
          <div
            className="status-line"
            data-testid="source-state"
            data-kind={status.kind}
            data-state={status.state}
          >
            <SourceBadge status={status} />
            {status.message !== null && (
              <span
                className={status.state === 'error' ? 'status-message error-text' : 'status-message'}
                data-testid="status-message"
              >
                {status.message}
              </span>
            )}
          </div>
          {status.replay !== null && <ReplayProgressBar replay={status.replay} state={status.state} />}
          {status.live !== null && <LiveDetails live={status.live} />}
          <dl className="facts counters">
            <dt>Rejected lines</dt>
            <dd>{formatCount(status.rejected)}</dd>
            <dt>Notices skipped</dt>
            <dd>{formatCount(status.skipped)}</dd>
            <dt>Dropped (buffer full)</dt>
            <dd className={status.dropped > 0 ? 'warn' : undefined}>{formatCount(status.dropped)}</dd>
          </dl>
        </div>
      )}
    </Panel>
  );
});
