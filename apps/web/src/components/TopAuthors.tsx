// The current window's authors with the widest reach, from the profile join.
import { memo } from 'react';
import type { WindowUpdate } from '@hashpulse/protocol';
import { AuthorTable } from './AuthorTable';
import { EmptyState } from './EmptyState';
import { Panel } from './Panel';

export const TopAuthors = memo(function TopAuthors({
  current,
  label,
}: {
  current: WindowUpdate | undefined;
  label: string;
}) {
  return (
    <Panel title="Top authors by reach" testId="top-authors" meta={label}>
      {current ? (
        <AuthorTable
          authors={current.profiles.topAuthors}
          caption="Top authors by reach in the current window"
        />
      ) : (
        <EmptyState />
      )}
    </Panel>
  );
});
