// Formats milliseconds for messages ("45s", "5m"): the one duration format of the project (the
// protocol, and so the dashboard, re-exports it through @hashpulse/engine/window-rules). Pure.

/** Formats milliseconds in the largest unit that divides them: 90000 → "90s", 300000 → "5m". */
export function formatDuration(ms: number): string {
  if (ms > 0 && ms % 86_400_000 === 0) return `${ms / 86_400_000}d`;
  if (ms > 0 && ms % 3_600_000 === 0) return `${ms / 3_600_000}h`;
  if (ms > 0 && ms % 60_000 === 0) return `${ms / 60_000}m`;
  if (ms > 0 && ms % 1000 === 0) return `${ms / 1000}s`;
  return `${ms}ms`;
}
