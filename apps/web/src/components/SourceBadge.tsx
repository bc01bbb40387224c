// A compact pill with the source's kind and state, coloured by how healthy that state is.
import type { SourceStatus } from '@hashpulse/protocol';

const TONE: Record<SourceStatus['state'], 'ok' | 'warn' | 'bad' | 'idle'> = {
  idle: 'idle',
  starting: 'warn',
  running: 'ok',
  paused: 'idle',
  connecting: 'warn',
  connected: 'ok',
  reconnecting: 'warn',
  'rate-limited': 'warn',
  stalled: 'warn',
  ended: 'idle',
  stopped: 'idle',
  error: 'bad',
};

export function SourceBadge({ status }: { status: SourceStatus | null }) {
  if (status === null) return null;
  const kind = status.kind === 'none' ? 'no source' : status.kind;
  return (
    <span className={`badge badge-${TONE[status.state]}`} data-testid="source-badge">
      <span className="dot" aria-hidden="true" />
      {kind} · {status.state}
    </span>
  );
}
