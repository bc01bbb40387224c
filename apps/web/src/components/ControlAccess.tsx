// The admin-token field: control calls carry the token when the server requires one. The token
// stays in this browser (localStorage) and is only ever sent to this dashboard's own server.
import { useState, type FormEvent } from 'react';

interface ControlAccessProps {
  adminRequired: boolean;
  token: string;
  onToken(token: string): void;
}

export function ControlAccess({ adminRequired, token, onToken }: ControlAccessProps) {
  const [draft, setDraft] = useState(token);
  if (!adminRequired) {
    return (
      <p className="access-note span-full" data-testid="admin-open">
        Controls are open to everyone on this server (no ADMIN_TOKEN is set).
      </p>
    );
  }
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onToken(draft);
  };
  return (
    <form className="access span-full" onSubmit={submit} data-testid="admin-token-form">
      <label htmlFor="admin-token">Admin token</label>
      <input
        id="admin-token"
        type="password"
        autoComplete="current-password"
        value={draft}
        onChange={(event) => setDraft(event.target.value)}
        placeholder="needed to change anything"
        data-testid="admin-token"
      />
      <button type="submit" className="button">
        {token ? 'Update' : 'Use token'}
      </button>
      {token && (
        <button
          type="button"
          className="button-ghost"
          onClick={() => {
            setDraft('');
            onToken('');
          }}
        >
          Forget
        </button>
      )}
      <span className="muted">
        {token
          ? 'Control calls send this token; a wrong one is refused by the server.'
          : 'This server is read-only without its admin token: you can watch, not change.'}
      </span>
    </form>
  );
}

/** Shown inside a control panel while the viewer has no token for a server that requires one. */
export function LockedNote() {
  return (
    <p className="locked" data-testid="controls-locked">
      Read-only: enter the admin token above to use these controls.
    </p>
  );
}
