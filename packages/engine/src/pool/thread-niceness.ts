// Lowers the calling thread's scheduling priority on Linux, so that a pool's workers yield a core
// to the thread that feeds them (the main thread: engine, requests) whenever both want one.
import { readlinkSync } from 'node:fs';
import os from 'node:os';

/**
 * Sets this thread's niceness (0 to 19, higher runs later). False where it cannot: no Linux
 * thread id to address (other systems), or the system refused.
 */
export function setThreadNiceness(niceness: number): boolean {
  try {
    // "/proc/thread-self" links to "<pid>/task/<tid>"; Linux's setpriority on a thread id applies
    // to that thread alone, while the process id would change the whole process.
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (!Number.isInteger(tid) || tid <= 0) return false;
    os.setPriority(tid, niceness);
    return true;
  } catch {
    return false;
  }
}
