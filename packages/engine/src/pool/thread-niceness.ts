// Lowers the calling thread's scheduling priority on Linux, so that a pool's workers yield a core
// to the thread that feeds them (the main thread: engine, requests) whenever both want one.
import { readlinkSync } from 'node:fs';
import os from 'node:os';

/**
 * Makes this thread `steps` nicer (runs later) than it started, at most 19: relative, so a process
 * started with `nice` keeps its workers below its own main thread. False where it cannot: no Linux
 * thread id to address (other systems), or the system refused.
 */
export function lowerThreadPriority(steps: number): boolean {
  try {
    // "/proc/thread-self" links to "<pid>/task/<tid>"; Linux's setpriority on a thread id applies
    // to that thread alone, while the process id would change the whole process.
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (!Number.isInteger(tid) || tid <= 0) return false;
    // A new thread starts at the niceness of the thread that created it.
    os.setPriority(tid, Math.min(19, os.getPriority(tid) + steps));
    return true;
  } catch {
    return false;
  }
}
