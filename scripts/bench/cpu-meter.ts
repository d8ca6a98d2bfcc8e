import { readdirSync, readFileSync } from 'node:fs';

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

/** Pids of the PostgreSQL server's processes (postmaster, backends, walwriter…) on this machine. */
export function postgresPids(): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, 'utf8').trim() === 'postgres') pids.push(Number(entry));
    } catch {
      // gone between the listing and the read
    }
  }
  return pids;
}

/** CPU seconds of the whole machine so far (every core; /proc/stat): busy in all, and of that in interrupts. */
export function machineSeconds(): { busy: number; interrupts: number } {
  const [, ...ticks] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).map(Number);
  const [user, nice, system, , , irq, softirq, steal] = ticks;
  return { busy: (user + nice + system + irq + softirq + steal) / TICKS_PER_SECOND, interrupts: (irq + softirq) / TICKS_PER_SECOND };
}

const round1 = (n: number) => Math.round(n * 10) / 10;

/**
 * What a PostgreSQL process works for, from the title it sets (`postgres: 15/main: <user> <database>
 * <host>(<port>) <state>` for a client backend): an autovacuum worker, a backend of a database
 * (named), or a server-wide process (walwriter, checkpointer…) that works for every database.
 */
export function postgresRole(title: string): { autovacuum: boolean; database?: string } {
  if (title.includes('autovacuum worker')) return { autovacuum: true };
  const backend = /^postgres: (?:[^:\s]+: )?\S+ (\S+) (?:\[local\]|\S+\(\d+\))/.exec(title);
  return { autovacuum: false, database: backend?.[1] };
}

function roleOf(pid: number): { autovacuum: boolean; database?: string } {
  try {
    return postgresRole(readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' '));
  } catch {
    return { autovacuum: false };
  }
}

/**
 * Where the CPU went during one phase: seconds per app process, the PostgreSQL server's processes
 * together, this bench process (load driver and probe), and the machine as a whole. The first
 * thing to look at when a target is missed.
 */
export class CpuMeter {
  private readonly before = new Map<string, number>();
  /** Per PostgreSQL process: CPU at its first and its latest sample, whether it is an autovacuum worker, its database. */
  private postgres = new Map<number, { first: number; last: number; autovacuum: boolean; database?: string }>();
  private sampler?: NodeJS.Timeout;
  private benchBefore = 0;
  private machineBefore = { busy: 0, interrupts: 0 };

  /**
   * `databases`: the phase's own databases. When given, backends of any other database (other
   * users of a shared server) are counted apart, in "postgres, other databases".
   */
  constructor(
    private readonly processes: () => Array<{ name: string; pid: number | undefined }>,
    private readonly databases?: () => string[],
  ) {}

  begin(): void {
    this.before.clear();
    for (const { name, pid } of this.processes()) {
      const s = pid ? cpuSeconds(pid) : undefined;
      if (s !== undefined) this.before.set(name, s);
    }
    this.postgres.clear();
    this.samplePostgres(true);
    // Sampled through the phase: autovacuum workers and short-lived backends start and end within it.
    clearInterval(this.sampler);
    this.sampler = setInterval(() => this.samplePostgres(false), 500);
    this.sampler.unref();
    this.benchBefore = cpuSeconds(process.pid) ?? 0;
    this.machineBefore = machineSeconds();
  }

  private samplePostgres(atBegin: boolean): void {
    for (const pid of postgresPids()) {
      const cpu = cpuSeconds(pid);
      if (cpu === undefined) continue;
      const known = this.postgres.get(pid);
      if (known) known.last = cpu;
      // A process first seen after begin() started during the phase: all its CPU counts.
      else this.postgres.set(pid, { first: atBegin ? cpu : 0, last: cpu, ...roleOf(pid) });
    }
  }

  /** CPU seconds used per process since begin(). */
  end(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const { name, pid } of this.processes()) {
      const s = pid ? cpuSeconds(pid) : undefined;
      if (s !== undefined) out[name] = round1(s - (this.before.get(name) ?? s));
    }
    clearInterval(this.sampler);
    this.samplePostgres(false);
    // A process that ended is counted up to its last sample, at most half a second short.
    let postgres = 0;
    let autovacuum = 0;
    let others = 0;
    const ours = this.databases ? new Set(this.databases()) : undefined;
    for (const p of this.postgres.values()) {
      if (p.autovacuum) autovacuum += p.last - p.first;
      else if (ours && p.database && !ours.has(p.database)) others += p.last - p.first;
      else postgres += p.last - p.first;
    }
    out.postgres = round1(postgres);
    out['postgres autovacuum'] = round1(autovacuum);
    if (ours) out['postgres, other databases'] = round1(others);
    out['bench driver'] = round1((cpuSeconds(process.pid) ?? 0) - this.benchBefore);
    const machine = machineSeconds();
    const listed = Object.values(out).reduce((a, b) => a + b, 0);
    // Interrupt time (loopback TCP is processed in softirq) is charged to no process.
    out['kernel interrupts'] = round1(machine.interrupts - this.machineBefore.interrupts);
    out['machine (all)'] = round1(machine.busy - this.machineBefore.busy);
    out['not in the rows above'] = round1(out['machine (all)'] - listed - out['kernel interrupts']);
    // What this phase itself cost: its processes, its databases and the server's shared processes,
    // the broker, the bench and the interrupts of its traffic; not other users of the machine.
    const foreign = new Set(['machine (all)', 'not in the rows above', 'postgres, other databases']);
    out['this phase in all'] = round1(
      Object.entries(out)
        .filter(([k]) => !foreign.has(k))
        .reduce((a, [, v]) => a + v, 0),
    );
    return out;
  }
}
