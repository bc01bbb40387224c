// Window configuration: presets (last 5 min to 7 days) applied in one click, or batch interval,
// window length and slide as typed durations (10s, 1m). The protocol's rules are checked as you type
// and shown inline, a preset they refuse is disabled with its reason; nothing broken is sent.
import { useMemo, useState, type FormEvent } from 'react';
import { formatDuration, type PublicConfig, type WindowConfig } from '@hashpulse/protocol';
import type { ApiClient } from '../api';
import { useAction } from '../state/useAction';
import { checkWindowForm, type WindowFormValues } from '../window-form';
import { WINDOW_PRESETS, presetOf, resolvePreset, type WindowPreset } from '../window-presets';
import { windowRuleLines } from '../window-rules-text';
import { LockedNote } from './ControlAccess';
import { ErrorText } from './ErrorText';
import { Panel } from './Panel';

interface WindowFormProps {
  window: WindowConfig | null;
  api: ApiClient;
  canControl: boolean;
  onApplied(config: PublicConfig): void;
  /** The presets offered; the product's own unless a test needs others. */
  presets?: readonly WindowPreset[];
}

function fromConfig(window: WindowConfig | null): WindowFormValues {
  if (window === null) return { batchInterval: '', windowLength: '', slide: '' };
  return {
    batchInterval: formatDuration(window.batchIntervalMs),
    windowLength: formatDuration(window.windowLengthMs),
    slide: formatDuration(window.slideMs),
  };
}

const FIELDS: Array<{ key: keyof WindowFormValues; label: string; hint: string }> = [
  { key: 'batchInterval', label: 'Batch interval', hint: 'e.g. 1s' },
  { key: 'windowLength', label: 'Window length', hint: 'e.g. 1m' },
  { key: 'slide', label: 'Slide', hint: 'e.g. 5s' },
];

export function WindowForm({
  window,
  api,
  canControl,
  onApplied,
  presets: offered = WINDOW_PRESETS,
}: WindowFormProps) {
  // null while untouched: the fields then follow the server's configuration (another tab may change it).
  const [draft, setDraft] = useState<WindowFormValues | null>(null);
  const [applied, setApplied] = useState<string | null>(null);
  const values = draft ?? fromConfig(window);
  const check = useMemo(() => checkWindowForm(values), [values]);
  const apply = useAction(api.putWindow);
  const showProblems = draft !== null && check.problems.length > 0;
  // The rules are the protocol's constants, so presets resolve once.
  const presets = useMemo(() => offered.map(resolvePreset), [offered]);
  const active = presetOf(window, offered);

  const send = async ({ batchIntervalMs, windowLengthMs, slideMs }: WindowConfig) => {
    const config = await apply.run({
      batchInterval: batchIntervalMs,
      windowLength: windowLengthMs,
      slide: slideMs,
    });
    if (config) {
      onApplied(config);
      setDraft(null);
      setApplied(`Applied: window ${formatDuration(windowLengthMs)}, slide ${formatDuration(slideMs)}.`);
    }
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (check.config === null || !canControl) return;
    await send(check.config);
  };

  return (
    <Panel title="Window" testId="window-form">
      <form className="form" onSubmit={submit} noValidate aria-describedby="window-rules">
        <div className="preset-row" role="group" aria-label="Window presets">
          {presets.map(({ preset, config }) => (
            <button
              key={preset.id}
              type="button"
              className="button-secondary preset"
              aria-pressed={active?.id === preset.id}
              aria-describedby={config === null ? `window-preset-reason-${preset.id}` : undefined}
              title={
                config === null
                  ? undefined
                  : `batch ${formatDuration(config.batchIntervalMs)}, window ${formatDuration(config.windowLengthMs)}, slide ${formatDuration(config.slideMs)}`
              }
              disabled={!canControl || config === null || apply.pending}
              onClick={async () => {
                if (config === null) return;
                setApplied(null);
                // A preset replaces whatever was typed: the fields follow the server again.
                setDraft(null);
                await send(config);
              }}
              data-testid={`window-preset-${preset.id}`}
            >
              {preset.label}
            </button>
          ))}
        </div>
        {presets.some((p) => p.config === null) && (
          <ul className="rules muted" aria-label="Presets not available">
            {presets.map(
              ({ preset, config, problems }) =>
                config === null && (
                  <li
                    key={preset.id}
                    id={`window-preset-reason-${preset.id}`}
                    data-testid={`window-preset-reason-${preset.id}`}
                  >
                    {preset.label} is not available: {problems.join('; ')}.
                  </li>
                ),
            )}
          </ul>
        )}
        <div className="field-row">
          {FIELDS.map(({ key, label, hint }) => (
            <label key={key} className="field">
              <span>{label}</span>
              <input
                name={key}
                value={values[key]}
                placeholder={hint}
                inputMode="text"
                autoComplete="off"
                spellCheck={false}
                disabled={!canControl}
                aria-invalid={showProblems}
                onChange={(event) => {
                  setApplied(null);
                  apply.clearError();
                  setDraft({ ...values, [key]: event.target.value });
                }}
                data-testid={`window-${key}`}
              />
            </label>
          ))}
        </div>
        {showProblems && (
          <ul className="error-text" role="alert" data-testid="window-error">
            {check.problems.map((problem) => (
              <li key={problem}>{problem}</li>
            ))}
          </ul>
        )}
        <ErrorText error={apply.error} testId="window-error" />
        <ul id="window-rules" className="rules muted">
          {windowRuleLines().map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
        <div className="form-actions">
          <button
            type="submit"
            className="button"
            disabled={!canControl || check.config === null || apply.pending}
            data-testid="window-apply"
          >
            {apply.pending ? 'Applying…' : 'Apply'}
          </button>
          {draft !== null && (
            <button
              type="button"
              className="button-ghost"
              onClick={() => {
                setDraft(null);
                apply.clearError();
              }}
            >
              Reset
            </button>
          )}
          {applied !== null && (
            <span className="ok-text" role="status" data-testid="window-applied">
              {applied}
            </span>
          )}
        </div>
        {!canControl && <LockedNote />}
      </form>
    </Panel>
  );
}
