// Turns pg's errors into the store's typed errors, naming where PostgreSQL was expected and what to do.
import { ProfileDatabaseError, ProfileDatabaseUnreachableError } from './errors.js';

export interface DatabaseAddress {
  host: string;
  port: number;
  database: string;
  user: string;
}

const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ECONNRESET',
  'EPIPE',
  // PostgreSQL shutting down or starting up: admin_shutdown, crash_shutdown, cannot_connect_now.
  '57P01',
  '57P02',
  '57P03',
]);

/** Where a postgres:// URL points, for messages (never includes the password). */
export function databaseAddress(url: string): DatabaseAddress {
  const parsed = new URL(url);
  const socketHost = parsed.searchParams.get('host');
  return {
    host: socketHost ?? (parsed.hostname === '' ? 'localhost' : parsed.hostname.replace(/^\[|\]$/g, '')),
    port: parsed.port === '' ? 5432 : Number(parsed.port),
    database:
      decodeURIComponent(parsed.pathname.replace(/^\//, '')) ||
      decodeURIComponent(parsed.username) ||
      'postgres',
    user: decodeURIComponent(parsed.username) || 'postgres',
  };
}

function codeOf(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') return code;
  // Node reports a refused dual-stack connect as an AggregateError of per-address errors.
  const inner = (error as { errors?: unknown }).errors;
  return Array.isArray(inner) ? codeOf(inner[0]) : undefined;
}

export function translateDatabaseError(
  error: unknown,
  at: DatabaseAddress,
  doing: string,
): ProfileDatabaseError | ProfileDatabaseUnreachableError {
  if (error instanceof ProfileDatabaseError || error instanceof ProfileDatabaseUnreachableError) return error;
  const code = codeOf(error);
  const message = error instanceof Error ? error.message : String(error);
  const where = `${at.host}:${at.port}`;
  if (
    (code !== undefined && (UNREACHABLE_CODES.has(code) || code.startsWith('08'))) ||
    /timeout|connection terminated|connection error|not queryable/i.test(message)
  ) {
    return new ProfileDatabaseUnreachableError(
      at.host,
      at.port,
      `cannot reach PostgreSQL at ${where} while ${doing} (${code ?? message}): start PostgreSQL there, ` +
        'or pass the right URL (--db / DATABASE_URL / --profiles postgres://user@host:port/db)',
      { cause: error },
    );
  }
  if (code === '28P01' || code === '28000') {
    return new ProfileDatabaseError(
      `PostgreSQL at ${where} refused the login of user "${at.user}" (${message}): fix the user or password in the URL`,
      { cause: error },
    );
  }
  if (code === '3D000') {
    return new ProfileDatabaseError(
      `database "${at.database}" does not exist at ${where}: create it (createdb ${at.database}) or fix the URL`,
      { cause: error },
    );
  }
  return new ProfileDatabaseError(
    `PostgreSQL at ${where} failed while ${doing}: ${message}${code ? ` (${code})` : ''}`,
    {
      cause: error,
    },
  );
}
