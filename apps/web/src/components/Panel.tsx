// A titled card in the dashboard grid; the title labels the region for screen readers.
import { useId, type ReactNode } from 'react';

interface PanelProps {
  title: string;
  testId: string;
  /** Small text beside the title (the window label, a count...). */
  meta?: ReactNode;
  actions?: ReactNode;
  /** Grid width: 1 column (default), 2, or the whole row. */
  span?: 1 | 2 | 'full';
  /** The body grows to the panel's height (for a chart that should fill a row made tall by its neighbour). */
  fill?: boolean;
  children: ReactNode;
}

export function Panel({ title, testId, meta, actions, span = 1, fill = false, children }: PanelProps) {
  const id = useId();
  const className = span === 1 ? 'panel' : span === 2 ? 'panel span-2' : 'panel span-full';
  return (
    <section className={className} aria-labelledby={id} data-testid={testId}>
      <header className="panel-header">
        <h2 id={id}>{title}</h2>
        {meta !== undefined && <span className="panel-meta">{meta}</span>}
        {actions !== undefined && <div className="panel-actions">{actions}</div>}
      </header>
      <div className={fill ? 'panel-body fill' : 'panel-body'}>{children}</div>
    </section>
  );
}
