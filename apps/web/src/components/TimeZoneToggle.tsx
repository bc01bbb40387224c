// Shows the zone the dashboard's times are in and switches it between the viewer's own and UTC.
import { localZoneId, useTimeZoneSetting, zoneAbbreviation } from '../state/useTimeZone';

export function TimeZoneToggle() {
  const { choice, toggle } = useTimeZoneSetting();
  const local = localZoneId();
  const action =
    choice === 'utc' ? `Times in UTC: switch to local time (${local})` : `Times in ${local}: switch to UTC`;
  return (
    <button
      type="button"
      className="button-ghost zone-toggle"
      onClick={toggle}
      aria-label={action}
      title={action}
      data-testid="time-zone"
      data-zone={choice}
    >
      {choice === 'utc' ? 'UTC' : zoneAbbreviation(undefined)}
    </button>
  );
}
