// Parses the created_at formats of the X API into epoch milliseconds.

/**
 * v2 writes ISO 8601 ("2021-04-08T19:34:16.000Z"); v1.1 writes "Wed Oct 10 20:19:24 +0000 2018",
 * which V8's Date.parse also reads. Returns null for anything unparseable.
 */
export function parseCreatedAt(value: string | null): number | null {
  if (value === null) return null;
  const ms = Date.parse(value);
  return Number.isFinite(ms) ? ms : null;
}
