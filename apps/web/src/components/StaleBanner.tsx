// Tells the viewer the panels no longer move because the source was stopped: what they show is
// the data as it was then, until a replay or the live stream starts again.
import type { SourceStatus } from '@hashpulse/protocol';
import { formatTime } from '../format';
import { useTimeZone } from '../state/useTimeZone';

export function StaleBanner({ status }: { status: SourceStatus | null }) {
  const timeZone = useTimeZone();
  if (status?.state !== 'stopped') return null;
  return (
    <div className="banner banner-warn" role="status" aria-live="polite" data-testid="stale-banner">
      Stopped at {formatTime(status.updatedAt, timeZone)}: the panels show stale data from before the stop.
      Start or restart a replay, or the live stream, for new data.
    </div>
  );
}
