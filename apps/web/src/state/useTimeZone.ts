// The zone every time on the dashboard is shown in: the viewer's own or UTC, switched in the header
// and remembered (like the theme); components read it from context with useTimeZone.
import { createContext, useCallback, useContext, useState } from 'react';

export type TimeZoneChoice = 'local' | 'utc';
const KEY = 'hashpulse.timeZone';

function readChoice(): TimeZoneChoice {
  try {
    return window.localStorage.getItem(KEY) === 'utc' ? 'utc' : 'local';
  } catch {
    return 'local';
  }
}

/** The IANA zone to format in: "UTC", or undefined for the viewer's own (Intl's default). */
export function zoneOf(choice: TimeZoneChoice): string | undefined {
  return choice === 'utc' ? 'UTC' : undefined;
}

/** The viewer's own zone, named as Intl resolves it ("America/New_York"). */
export function localZoneId(): string {
  return new Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** The zone's short name right now ("EST", "GMT+5:30", "UTC"), as the header shows it. */
export function zoneAbbreviation(timeZone: string | undefined, at = Date.now()): string {
  const parts = new Intl.DateTimeFormat(undefined, {
    timeZoneName: 'short',
    ...(timeZone === undefined ? {} : { timeZone }),
  }).formatToParts(at);
  return parts.find((part) => part.type === 'timeZoneName')?.value ?? timeZone ?? localZoneId();
}

export function useTimeZoneChoice(): { choice: TimeZoneChoice; toggle(): void } {
  const [choice, setChoice] = useState<TimeZoneChoice>(readChoice);
  const toggle = useCallback(() => {
    const next: TimeZoneChoice = choice === 'utc' ? 'local' : 'utc';
    setChoice(next);
    try {
      if (next === 'local') window.localStorage.removeItem(KEY);
      else window.localStorage.setItem(KEY, next);
    } catch {
      // Without storage the choice holds for this page only.
    }
  }, [choice]);
  return { choice, toggle };
}

/** What App provides: the zone to format in (see zoneOf). */
export const TimeZoneContext = createContext<string | undefined>(undefined);

export function useTimeZone(): string | undefined {
  return useContext(TimeZoneContext);
}
