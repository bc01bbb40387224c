// Where each replay pass starts in engine time. Engine time must never go backwards, so every
// pass after the first (a loop or a restart) and a replay onto a clock that is already running
// shifts all record times by one constant, keeping the gaps between records. The first record of
// a pass plays at
//   - the first pass: its own time if the clock has not started (the clock is started there),
//     else the clock's current time;
//   - a loop: `loopGapMs` after the previous pass's last record (or the clock's time if later);
//   - a restart: the clock's current time (or the last record played, if later).

export type PassKind = 'first' | 'loop' | 'restart';

export interface AnchorInputs {
  kind: PassKind;
  /** created_at of the recording's first record. */
  firstTime: number;
  /** The engine clock's time, null when it has not started. */
  clockNow: number | null;
  /** Engine time of the last record pushed, null before any. */
  lastPushed: number | null;
  loopGapMs: number;
}

/** The engine time the first record of the pass plays at; the pass's shift is this − firstTime. */
export function passAnchor({ kind, firstTime, clockNow, lastPushed, loopGapMs }: AnchorInputs): number {
  if (kind === 'first') return clockNow ?? firstTime;
  const after = kind === 'loop' ? (lastPushed ?? firstTime) + loopGapMs : (lastPushed ?? firstTime);
  return Math.max(after, clockNow ?? after);
}
