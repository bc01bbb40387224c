// A one-line stacked bar of parts of a whole (HTML, not SVG: cheap, readable, and accessible as a list).
import { formatCount, formatPercent } from '../format';

export interface SharePart {
  label: string;
  value: number;
  color: string;
}

export function ShareBar({ parts, label, testId }: { parts: SharePart[]; label: string; testId?: string }) {
  const total = parts.reduce((sum, part) => sum + part.value, 0);
  return (
    <figure className="share" data-testid={testId}>
      <figcaption>{label}</figcaption>
      <div className="share-bar" aria-hidden="true">
        {total > 0 &&
          parts.map((part) =>
            part.value > 0 ? (
              <span
                key={part.label}
                style={{ width: `${(part.value / total) * 100}%`, background: part.color }}
              />
            ) : null,
          )}
      </div>
      <ul className="share-legend">
        {parts.map((part) => (
          <li key={part.label}>
            <span className="swatch" style={{ background: part.color }} aria-hidden="true" />
            {part.label} <strong>{formatCount(part.value)}</strong>
            {total > 0 && <span className="muted"> ({formatPercent(part.value / total)})</span>}
          </li>
        ))}
      </ul>
    </figure>
  );
}
