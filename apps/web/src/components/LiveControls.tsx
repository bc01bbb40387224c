// The live X API source: connect the filtered or sample stream, stop it, and manage the filtered
// stream's rules. Connection state (reconnecting, rate-limited) comes from the server's status.
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { PublicConfig, SourceStatus, StreamRule } from '@hashpulse/protocol';
import type { ApiClient } from '../api';
import { formatTime } from '../format';
import { useAction } from '../state/useAction';
import { useTimeZone } from '../state/useTimeZone';
import { LockedNote } from './ControlAccess';
import { ErrorText } from './ErrorText';
import { Panel } from './Panel';

interface LiveControlsProps {
  api: ApiClient;
  config: PublicConfig | null;
  status: SourceStatus | null;
  canControl: boolean;
  onStatus(status: SourceStatus): void;
}

function liveStateText(status: SourceStatus | null, timeZone: string | undefined): string {
  if (status?.kind !== 'live') return 'not connected';
  const { state, live } = status;
  if (state === 'rate-limited' && live?.rateLimitResetAt != null) {
    return `rate-limited until ${formatTime(live.rateLimitResetAt, timeZone)}`;
  }
  if (state === 'reconnecting' && live !== null) {
    const next = live.nextRetryAt !== null ? `, next try ${formatTime(live.nextRetryAt, timeZone)}` : '';
    return `reconnecting (attempt ${live.reconnectAttempt}${next})`;
  }
  return live ? `${state} (${live.stream} stream)` : state;
}

export function LiveControls({ api, config, status, canControl, onStatus }: LiveControlsProps) {
  const [stream, setStream] = useState<'filtered' | 'sample'>('filtered');
  const [rules, setRules] = useState<StreamRule[] | null>(null);
  const [value, setValue] = useState('');
  const [tag, setTag] = useState('');
  const available = config?.liveAvailable === true;
  const enabled = available && canControl;
  const timeZone = useTimeZone();
  const listRules = useAction(api.liveRules);
  const addRule = useAction(api.addLiveRule);
  const deleteRule = useAction(api.deleteLiveRule);
  const start = useAction(api.liveStart);
  const stop = useAction(api.liveStop);
  const { run: fetchRules } = listRules;

  const reload = useCallback(async () => {
    const found = await fetchRules();
    if (found) setRules(found);
  }, [fetchRules]);
  useEffect(() => {
    // The rules route is a control route (it reveals the account's rules), so it needs access too.
    if (enabled) void reload();
  }, [enabled, reload]);

  const connected = status?.kind === 'live' && status.state !== 'stopped' && status.state !== 'ended';

  const submitRule = async (event: FormEvent) => {
    event.preventDefault();
    const rule = await addRule.run({ value: value.trim(), ...(tag.trim() ? { tag: tag.trim() } : {}) });
    if (rule) {
      setValue('');
      setTag('');
      await reload();
    }
  };

  return (
    <Panel
      title="Live X API"
      testId="live-controls"
      meta={<span data-testid="live-state">{liveStateText(status, timeZone)}</span>}
    >
      {!available ? (
        <p className="locked" data-testid="live-unavailable">
          The live source is off on this server: start it with <code>X_BEARER_TOKEN</code> set to enable it.
        </p>
      ) : (
        <div className="stack">
          <div className="field-row">
            <fieldset className="fieldset segmented" disabled={!enabled}>
              <legend>Stream</legend>
              {(['filtered', 'sample'] as const).map((option) => (
                <label key={option} className={stream === option ? 'segment active' : 'segment'}>
                  <input
                    type="radio"
                    name="live-stream"
                    value={option}
                    checked={stream === option}
                    onChange={() => setStream(option)}
                  />
                  {option}
                </label>
              ))}
            </fieldset>
            <div className="form-actions">
              <button
                type="button"
                className="button"
                disabled={!enabled || start.pending}
                onClick={async () => {
                  const result = await start.run({ stream });
                  if (result) onStatus(result);
                }}
                data-testid="live-start"
              >
                {connected ? 'Reconnect' : 'Connect'}
              </button>
              <button
                type="button"
                className="button-secondary"
                disabled={!enabled || stop.pending || !connected}
                onClick={async () => {
                  const result = await stop.run();
                  if (result) onStatus(result);
                }}
                data-testid="live-stop"
              >
                Disconnect
              </button>
            </div>
          </div>
          <ErrorText error={start.error ?? stop.error} />
          <div>
            <h3 className="subheading">Filtered-stream rules</h3>
            {rules === null ? (
              <p className="muted">
                {listRules.pending ? 'Loading rules…' : enabled ? 'No rules loaded.' : 'Rules need access.'}
              </p>
            ) : rules.length === 0 ? (
              <p className="muted">No rules: the filtered stream delivers nothing until you add one.</p>
            ) : (
              <ul className="rule-list" data-testid="live-rules">
                {rules.map((rule) => (
                  <li key={rule.id}>
                    <code>{rule.value}</code>
                    {rule.tag !== null && <span className="muted"> {rule.tag}</span>}
                    <button
                      type="button"
                      className="button-ghost danger"
                      aria-label={`Delete rule ${rule.value}`}
                      disabled={!enabled || deleteRule.pending}
                      onClick={async () => {
                        await deleteRule.run(rule.id);
                        await reload();
                      }}
                    >
                      Delete
                    </button>
                  </li>
                ))}
              </ul>
            )}
            <ErrorText error={listRules.error ?? deleteRule.error} />
            <form className="rule-form" onSubmit={submitRule} data-testid="live-rule-add">
              <label className="field grow">
                <span>Rule</span>
                <input
                  value={value}
                  onChange={(event) => setValue(event.target.value)}
                  placeholder="#brexit lang:en"
                  disabled={!enabled}
                  maxLength={1024}
                />
              </label>
              <label className="field">
                <span>Tag (optional)</span>
                <input
                  value={tag}
                  onChange={(event) => setTag(event.target.value)}
                  disabled={!enabled}
                  maxLength={128}
                />
              </label>
              <button
                type="submit"
                className="button-secondary"
                disabled={!enabled || !value.trim() || addRule.pending}
              >
                Add rule
              </button>
            </form>
            <ErrorText error={addRule.error} />
          </div>
        </div>
      )}
      {available && !canControl && <LockedNote />}
    </Panel>
  );
}
