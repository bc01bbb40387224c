// What a panel shows before its first data arrives, instead of an empty chart.
export function EmptyState({
  children = 'Waiting for the first window…',
}: {
  children?: string | undefined;
}) {
  return (
    <p className="empty" role="status">
      {children}
    </p>
  );
}
