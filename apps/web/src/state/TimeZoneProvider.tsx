// Holds the viewer's time zone choice for the whole page, so every time shown follows the header's switch.
import type { ReactNode } from 'react';
import { TimeZoneContext, useTimeZoneChoice } from './useTimeZone';

export function TimeZoneProvider({ children }: { children: ReactNode }) {
  return <TimeZoneContext value={useTimeZoneChoice()}>{children}</TimeZoneContext>;
}
