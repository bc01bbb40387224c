// How the cluster roles without an HTTP logger (ingest, worker) report: one line per event.
export type RoleLog = (level: 'info' | 'warn' | 'error', message: string) => void;

export function consoleLog(role: string): RoleLog {
  return (level, message) => console[level](`hashpulse ${role}: ${message}`);
}
