// "window 1m, slide 5s": which window every chart is drawing, from the server's current configuration.
import type { WindowConfig } from '@hashpulse/protocol';
import { formatDuration } from '@hashpulse/protocol';
import { windowLabel } from '../format';

export function WindowLabel({ window }: { window: WindowConfig | null }) {
  if (window === null) return <span className="window-label muted">window …</span>;
  return (
    <span className="window-label" title={`batch interval ${formatDuration(window.batchIntervalMs)}`}>
      <span data-testid="window-label">{windowLabel(window)}</span>
      <span className="muted"> · batch {formatDuration(window.batchIntervalMs)}</span>
    </span>
  );
}
