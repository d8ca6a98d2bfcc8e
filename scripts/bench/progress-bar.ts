/**
 * One progress line on stderr (stdout stays clean for the JSON summary). On a terminal it is
 * redrawn in place; in a log it is printed at most every few seconds.
 */
export class ProgressBar {
  private phase = '';
  private total = 1;
  private done = 0;
  private startedAt = 0;
  private lastPrinted = 0;
  private readonly tty = process.stderr.isTTY === true;

  constructor(
    private readonly out: NodeJS.WriteStream = process.stderr,
    private readonly width = 28,
  ) {}

  start(phase: string, total: number): void {
    this.finishLine();
    this.phase = phase;
    this.total = Math.max(1, total);
    this.done = 0;
    this.startedAt = Date.now();
    this.lastPrinted = 0;
    this.render(true);
  }

  update(done: number): void {
    this.done = Math.min(done, this.total);
    this.render(false);
  }

  /** A line of its own, above the bar. */
  note(text: string): void {
    if (this.tty) this.out.write('\r\x1b[K');
    this.out.write(`${text}\n`);
    if (this.phase) this.render(true);
  }

  finish(summary?: string): void {
    this.done = this.total;
    this.render(true, summary);
    this.finishLine();
  }

  private finishLine() {
    if (this.phase && this.tty) this.out.write('\n');
    this.phase = '';
  }

  static line(phase: string, done: number, total: number, elapsedMs: number, width = 28, suffix?: string): string {
    const ratio = Math.min(1, done / Math.max(1, total));
    const filled = Math.round(ratio * width);
    const rate = elapsedMs > 0 ? (done / elapsedMs) * 1000 : 0;
    const eta = rate > 0 && done < total ? ` eta ${Math.ceil((total - done) / rate)}s` : '';
    return `${phase.padEnd(30)} [${'█'.repeat(filled)}${'░'.repeat(width - filled)}] ${String(Math.floor(ratio * 100)).padStart(3)}% ${done}/${total} ${rate.toFixed(0)}/s${eta}${suffix ? `  ${suffix}` : ''}`;
  }

  private render(force: boolean, summary?: string) {
    if (!this.phase) return;
    const now = Date.now();
    if (!force && now - this.lastPrinted < (this.tty ? 100 : 5000)) return;
    this.lastPrinted = now;
    const text = ProgressBar.line(this.phase, this.done, this.total, now - this.startedAt, this.width, summary);
    if (this.tty) this.out.write(`\r\x1b[K${text}`);
    else this.out.write(`${text}\n`);
  }
}
