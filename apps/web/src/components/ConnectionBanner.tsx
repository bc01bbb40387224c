// Tells the viewer the data has stopped because the server is away; disappears on reconnect.
import type { ConnectionState } from '../state/reducer';

export function ConnectionBanner({
  connection,
  everConnected,
}: {
  connection: ConnectionState;
  everConnected: boolean;
}) {
  if (connection === 'connected') return null;
  const text = everConnected
    ? 'Reconnecting to server… the charts show the last data received and resume by themselves.'
    : 'Connecting to server…';
  return (
    <div className="banner banner-warn" role="status" aria-live="polite" data-testid="connection-banner">
      <span className="spinner" aria-hidden="true" />
      {text}
    </div>
  );
}
