import { readFileSync } from 'node:fs';

/** Reads one field of /proc/<pid>/status in kB; undefined once the process is gone. */
export function procStatusKb(pid: number, field: 'VmRSS' | 'VmHWM'): number | undefined {
  try {
    const m = readFileSync(`/proc/${pid}/status`, 'utf8').match(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm'));
    return m ? Number(m[1]) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Peak resident memory of each app process. VmHWM is the kernel's own high-water mark, so a
 * spike between two samples is not missed; sampling keeps the peak of processes that are later
 * restarted (a new pid starts a new mark).
 */
export class RssSampler {
  private readonly peakKb = new Map<string, number>();
  private timer?: NodeJS.Timeout;

  constructor(private readonly processes: () => Array<{ name: string; pid: number | undefined }>) {}

  start(intervalMs = 1000): void {
    this.timer = setInterval(() => this.sample(), intervalMs);
    this.timer.unref();
  }

  sample(): void {
    for (const { name, pid } of this.processes()) {
      if (!pid) continue;
      const kb = procStatusKb(pid, 'VmHWM') ?? procStatusKb(pid, 'VmRSS');
      if (kb !== undefined) this.peakKb.set(name, Math.max(this.peakKb.get(name) ?? 0, kb));
    }
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.sample();
  }

  /** Peak RSS per process name, in MB. */
  peaksMb(): Record<string, number> {
    return Object.fromEntries([...this.peakKb].map(([name, kb]) => [name, Math.round(kb / 102.4) / 10]));
  }
}
