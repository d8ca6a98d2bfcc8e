import { readFileSync } from 'node:fs';

const TICKS_PER_SECOND = 100;

/** User + system CPU seconds a process has used so far (fields 14 and 15 of /proc/<pid>/stat). */
export function cpuSeconds(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name may hold spaces; fields are counted after its closing parenthesis.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return undefined;
  }
}

/** Where the CPU went during one phase: seconds per process, the first thing to look at when a target is missed. */
export class CpuMeter {
  private readonly before = new Map<string, number>();

  constructor(private readonly processes: () => Array<{ name: string; pid: number | undefined }>) {}

  begin(): void {
    this.before.clear();
    for (const { name, pid } of this.processes()) {
      const s = pid ? cpuSeconds(pid) : undefined;
      if (s !== undefined) this.before.set(name, s);
    }
  }

  /** CPU seconds used per process since begin(). */
  end(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const { name, pid } of this.processes()) {
      const s = pid ? cpuSeconds(pid) : undefined;
      if (s !== undefined) out[name] = Math.round((s - (this.before.get(name) ?? s)) * 10) / 10;
    }
    return out;
  }
}
