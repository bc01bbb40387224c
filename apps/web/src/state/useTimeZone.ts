// The zone every time on the dashboard is shown in: the viewer's own or UTC, switched in the header
// and remembered (like the theme); components read it from context with useTimeZone.
import { createContext, useCallback, useContext, useMemo, useState } from 'react';

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

export interface TimeZoneSetting {
  choice: TimeZoneChoice;
  toggle(): void;
}

/** The choice, remembered in localStorage; TimeZoneProvider holds it for the page. */
export function useTimeZoneChoice(): TimeZoneSetting {
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
  return useMemo(() => ({ choice, toggle }), [choice, toggle]);
}

/** What TimeZoneProvider provides; outside one (tests rendering a component alone), local time. */
export const TimeZoneContext = createContext<TimeZoneSetting>({ choice: 'local', toggle: () => {} });

/** The choice and its switch, for the header's toggle. */
export function useTimeZoneSetting(): TimeZoneSetting {
  return useContext(TimeZoneContext);
}

/** The zone every time is formatted in: "UTC", or undefined for the viewer's own. */
export function useTimeZone(): string | undefined {
  return zoneOf(useContext(TimeZoneContext).choice);
}
