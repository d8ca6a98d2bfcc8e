import type { ChildProcess } from 'node:child_process';

/*
 * Test helpers spawn real servers; if a test run crashes or Jest tears a
 * worker down, those servers must not outlive it and hold ports or data
 * directories. Every spawned child is registered here and SIGKILLed
 * synchronously from the 'exit' hook, the last point where we can still act.
 */
const live = new Set<ChildProcess>();
let hookInstalled = false;

export function isRunning(child: ChildProcess): boolean {
  return child.exitCode === null && child.signalCode === null;
}

export function trackChild(child: ChildProcess): void {
  if (!hookInstalled) {
    hookInstalled = true;
    process.once('exit', () => {
      for (const c of live) {
        if (isRunning(c)) {
          try {
            c.kill('SIGKILL');
          } catch {
            // Already gone between the check and the kill.
          }
        }
      }
    });
  }
  live.add(child);
  child.once('exit', () => live.delete(child));
}

export interface ExitInfo {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** Resolves once the child has exited, immediately if it already has. */
export function waitForExit(child: ChildProcess): Promise<ExitInfo> {
  if (!isRunning(child)) {
    return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  }
  return new Promise((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });
}

/** Sends the signal and waits for exit; a no-op for an already exited child. */
export async function signalAndWait(child: ChildProcess, signal: NodeJS.Signals): Promise<ExitInfo> {
  if (isRunning(child)) {
    child.kill(signal);
  }
  return waitForExit(child);
}
