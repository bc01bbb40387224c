// Reports payloads the dashboard refused (they broke the protocol); the last good state stays on screen.
import type { PayloadRejection } from '../state/reducer';
import { formatTime } from '../format';
import { useTimeZone } from '../state/useTimeZone';

interface PayloadNoticeProps {
  rejections: PayloadRejection[];
  total: number;
  onDismiss(): void;
}

export function PayloadNotice({ rejections, total, onDismiss }: PayloadNoticeProps) {
  const timeZone = useTimeZone();
  if (rejections.length === 0) return null;
  return (
    <div className="banner banner-error" role="alert" data-testid="payload-errors">
      <div>
        <strong>
          Ignored {total === 1 ? 'an update' : `${total} updates`} from the server that did not match the
          protocol
        </strong>{' '}
        (the dashboard keeps showing the last good data; server and dashboard versions may differ):
        <ul>
          {rejections.map((r) => (
            <li key={`${r.at}-${r.event}-${r.message}`}>
              {formatTime(r.at, timeZone)} <code>{r.event}</code>: {r.message}
            </li>
          ))}
        </ul>
      </div>
      <button type="button" className="button-ghost" onClick={onDismiss}>
        Dismiss
      </button>
    </div>
  );
}
