// Narrow readers for untrusted JSON records. We check shapes by hand rather than with a schema
// library because decoding runs for every tweet of the stream and must stay near JSON.parse speed.

export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The member as an object, or undefined when absent or of another type. */
export function obj(record: JsonObject, key: string): JsonObject | undefined {
  const value = record[key];
  return isObject(value) ? value : undefined;
}

/** The member as an array, or undefined when absent or of another type. */
export function arr(record: JsonObject, key: string): unknown[] | undefined {
  const value = record[key];
  return Array.isArray(value) ? value : undefined;
}

/** A string member, or null. */
export function str(record: JsonObject, key: string): string | null {
  const value = record[key];
  return typeof value === 'string' ? value : null;
}

/** A finite number member, or null. */
export function num(record: JsonObject, key: string): number | null {
  const value = record[key];
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/** A boolean member, or null. */
export function bool(record: JsonObject, key: string): boolean | null {
  const value = record[key];
  return typeof value === 'boolean' ? value : null;
}

/** An id member: v2 writes ids as strings, v1.1 and some recorders as numbers. */
export function id(record: JsonObject, key: string): string | null {
  const value = record[key];
  if (typeof value === 'string' && value !== '') return value;
  // v1.1 numeric ids above 2^53 have lost precision; callers prefer the *_str twin when it exists.
  // Stryker disable next-line ConditionalExpression: equivalent, Number.isSafeInteger is false for any non-number
  if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
  return null;
}
