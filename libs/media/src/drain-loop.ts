/**
 * Runs a worker's `drain` one pass at a time. A kick during a pass asks for one more pass after it,
 * so a row committed mid-pass is picked up at once instead of at the next poll.
 */
export class DrainLoop {
  private running?: Promise<void>;
  private again = false;
  private stopping = false;
  private timer?: NodeJS.Timeout;
  private unsubscribe?: () => void;
  private readonly stopHooks = new Set<() => void>();

  constructor(
    private readonly drain: () => Promise<void>,
    private readonly onError: (e: Error) => void,
  ) {}

  /** The drain's own loops check this between rows so a stop does not wait for a whole backlog. */
  get stopped(): boolean {
    return this.stopping;
  }

  /**
   * Runs a pass now, on every wake-up `subscribe` delivers (a commit that wrote work), and every
   * `pollMs` for work whose wake-up was lost (another replica wrote it, or the process restarted).
   */
  start(pollMs: number, subscribe: (wake: () => void) => () => void): void {
    this.unsubscribe = subscribe(() => this.kick());
    this.timer = setInterval(() => this.kick(), pollMs);
    this.timer.unref();
    this.kick();
  }

  kick(): void {
    if (this.stopping) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.drain()
      .catch((e) => this.onError(e as Error))
      .finally(() => {
        this.running = undefined;
        if (this.again) {
          this.again = false;
          this.kick();
        }
      });
  }

  /**
   * Calls `fn` when the loop is asked to stop, so a pass that waits on a long transfer can cut it
   * instead of holding the app's shutdown; the answer removes the hook once the wait is over.
   */
  onStop(fn: () => void): () => void {
    if (this.stopping) fn();
    this.stopHooks.add(fn);
    return () => this.stopHooks.delete(fn);
  }

  async stop(): Promise<void> {
    this.stopping = true;
    for (const fn of this.stopHooks) fn();
    this.unsubscribe?.();
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }
}
