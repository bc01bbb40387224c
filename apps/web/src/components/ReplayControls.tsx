// Replay a recording from the server's data directory: files, speed, loop; then pause, resume,
// restart or stop it, and change a playing replay's speed at once. Progress is shown by the Source
// panel from the server's status updates.
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { DataFile, ReplaySpeed, SourceStatus } from '@hashpulse/protocol';
import type { ApiClient, ReplayAction } from '../api';
import { formatBytes } from '../format';
import { useAction } from '../state/useAction';
import { LockedNote } from './ControlAccess';
import { ErrorText } from './ErrorText';
import { Panel } from './Panel';

/** Only tweet recordings replay to tweets; every other listed file says what it holds instead. */
function startable(file: DataFile): boolean {
  return file.kind === 'tweets';
}

/** An id for a file's reason text, stable and valid whatever characters its name holds. */
function reasonId(file: DataFile): string {
  return `replay-file-reason-${encodeURIComponent(file.name).replace(/%/g, '_')}`;
}

const SPEEDS: Array<{ value: ReplaySpeed; label: string }> = [
  { value: 1, label: '1×' },
  { value: 10, label: '10×' },
  { value: 100, label: '100×' },
  { value: 'max', label: 'max' },
];

interface ReplayControlsProps {
  api: ApiClient;
  status: SourceStatus | null;
  canControl: boolean;
  onStatus(status: SourceStatus): void;
}

export function ReplayControls({ api, status, canControl, onStatus }: ReplayControlsProps) {
  const [files, setFiles] = useState<DataFile[] | null>(null);
  const [selected, setSelected] = useState<string[] | null>(null);
  const [speed, setSpeed] = useState<ReplaySpeed>(10);
  const [loop, setLoop] = useState(true);
  const list = useAction(api.replayFiles);
  const start = useAction(api.replayStart);
  const control = useAction(api.replay);
  const changeSpeed = useAction(api.replaySpeed);
  const { run: loadFiles } = list;

  const refresh = useCallback(async () => {
    const found = await loadFiles();
    if (found) setFiles(found);
  }, [loadFiles]);
  useEffect(() => {
    void refresh();
  }, [refresh]);

  const replay = status?.kind === 'replay' ? status.replay : null;
  // Until someone picks, the selection mirrors what is playing (or the first recording); a file
  // the listing says is not a recording is never part of it.
  const firstRecording = files?.find(startable);
  const picked = selected ?? replay?.files ?? (firstRecording ? [firstRecording.name] : []);
  const refused = new Set(files?.filter((file) => !startable(file)).map((file) => file.name));
  const chosen = picked.filter((name) => !refused.has(name));
  const state = status?.kind === 'replay' ? status.state : null;
  const busy = start.pending || control.pending || changeSpeed.pending;
  const playing = state === 'running' || state === 'paused' || state === 'starting';
  // A timed replay takes a new timed speed at once; 'max' runs on another clock, so it needs Start.
  const liveSpeed = (value: ReplaySpeed) =>
    playing && replay !== null && value !== 'max' && replay.speed !== 'max';

  const pickSpeed = async (value: ReplaySpeed) => {
    setSpeed(value);
    if (!canControl || !liveSpeed(value) || replay?.speed === value) return;
    const result = await changeSpeed.run(value);
    if (result) onStatus(result);
  };

  const toggle = (name: string) =>
    setSelected(chosen.includes(name) ? chosen.filter((f) => f !== name) : [...chosen, name]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const result = await start.run({ files: chosen, speed, loop });
    if (result) onStatus(result);
  };
  const act = async (action: ReplayAction) => {
    const result = await control.run(action);
    if (result) onStatus(result);
  };

  return (
    <Panel
      title="Replay"
      testId="replay-controls"
      actions={
        <button type="button" className="button-ghost" onClick={() => void refresh()} disabled={list.pending}>
          Refresh files
        </button>
      }
    >
      <form className="form" onSubmit={submit}>
        <fieldset className="fieldset" disabled={!canControl}>
          <legend>Recorded files</legend>
          {files === null ? (
            <p className="muted">{list.pending ? 'Loading files…' : 'No file list yet.'}</p>
          ) : files.length === 0 ? (
            <p className="muted">The data directory has no recordings.</p>
          ) : (
            <ul className="file-list" data-testid="replay-files">
              {files.map((file) => (
                <li
                  key={file.name}
                  data-testid="replay-file"
                  data-kind={file.kind}
                  data-startable={String(startable(file))}
                >
                  <label className="check" title={`${file.name} ${file.summary}`}>
                    <input
                      type="checkbox"
                      checked={chosen.includes(file.name)}
                      disabled={!startable(file)}
                      aria-describedby={startable(file) ? undefined : reasonId(file)}
                      onChange={() => toggle(file.name)}
                    />
                    <span className="file-name">{file.name}</span>
                    <span className="muted">
                      {startable(file) && file.records !== null
                        ? `${file.records.toLocaleString()} tweets · ${formatBytes(file.bytes)}`
                        : formatBytes(file.bytes)}
                    </span>
                  </label>
                  {!startable(file) && (
                    <p className="file-reason" id={reasonId(file)} data-testid="replay-file-reason">
                      Cannot be replayed: it {file.summary}.
                    </p>
                  )}
                </li>
              ))}
            </ul>
          )}
        </fieldset>
        <ErrorText error={list.error} />
        <div className="field-row">
          <fieldset className="fieldset segmented" disabled={!canControl} data-testid="replay-speed">
            <legend>Speed</legend>
            {SPEEDS.map((option) => (
              <label
                key={String(option.value)}
                className={speed === option.value ? 'segment active' : 'segment'}
              >
                <input
                  type="radio"
                  name="replay-speed"
                  value={String(option.value)}
                  checked={speed === option.value}
                  onChange={() => void pickSpeed(option.value)}
                />
                {option.label}
              </label>
            ))}
          </fieldset>
          <label className="check">
            <input
              type="checkbox"
              checked={loop}
              onChange={(event) => setLoop(event.target.checked)}
              disabled={!canControl}
              data-testid="replay-loop"
            />
            Loop
          </label>
        </div>
        <div className="form-actions">
          <button
            type="submit"
            className="button"
            disabled={!canControl || chosen.length === 0 || busy}
            data-testid="replay-start"
          >
            Start replay
          </button>
          <button
            type="button"
            className="button-secondary"
            onClick={() => void act('pause')}
            disabled={!canControl || busy || !(state === 'running' || state === 'starting')}
            data-testid="replay-pause"
          >
            Pause
          </button>
          <button
            type="button"
            className="button-secondary"
            onClick={() => void act('resume')}
            disabled={!canControl || busy || state !== 'paused'}
            data-testid="replay-resume"
          >
            Resume
          </button>
          <button
            type="button"
            className="button-secondary"
            onClick={() => void act('restart')}
            disabled={!canControl || busy || state === null}
            data-testid="replay-restart"
          >
            Restart
          </button>
          <button
            type="button"
            className="button-secondary"
            onClick={() => void act('stop')}
            disabled={!canControl || busy || state === null || state === 'stopped'}
            data-testid="replay-stop"
          >
            Stop
          </button>
        </div>
        {playing && replay !== null && (speed === 'max') !== (replay.speed === 'max') && (
          <p className="muted" data-testid="replay-speed-hint">
            {speed === 'max' ? '"max"' : 'A timed speed'} runs on another clock: press Start replay to switch.
          </p>
        )}
        <ErrorText error={start.error ?? control.error ?? changeSpeed.error} testId="replay-error" />
        {!canControl && <LockedNote />}
      </form>
    </Panel>
  );
}
