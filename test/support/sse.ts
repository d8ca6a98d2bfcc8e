/** One Server-Sent Event as a browser's EventSource would hand it over. */
export interface SseEvent {
  event: string;
  id?: string;
  data: string;
}

/**
 * A minimal EventSource over fetch, for tests: opens the stream with the headers a desk sends
 * (Authorization, Last-Event-ID on a reconnect), parses frames as they arrive, and lets a test wait
 * for the first event matching a predicate.
 */
export class SseClient {
  readonly events: SseEvent[] = [];
  private readonly waiters: Array<{ match: (e: SseEvent) => boolean; resolve: (e: SseEvent) => void }> = [];

  /** The JSON error answer when the stream was refused. */
  body: Record<string, unknown> | undefined;

  private constructor(
    readonly status: number,
    private readonly controller: AbortController,
  ) {}

  static async open(url: string, headers: Record<string, string> = {}): Promise<SseClient> {
    const controller = new AbortController();
    const res = await fetch(url, { headers: { accept: 'text/event-stream', ...headers }, signal: controller.signal });
    const client = new SseClient(res.status, controller);
    if (res.status !== 200 || !res.body) {
      const text = await res.text().catch(() => '');
      try {
        client.body = JSON.parse(text) as Record<string, unknown>;
      } catch {
        client.body = undefined;
      }
      return client;
    }
    void client.pump(res.body).catch(() => undefined);
    return client;
  }

  next(match: (e: SseEvent) => boolean, timeoutMs = 20_000): Promise<SseEvent> {
    const seen = this.events.find(match);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no matching event within ${timeoutMs} ms; got ${JSON.stringify(this.events)}`)), timeoutMs);
      this.waiters.push({ match, resolve: (e) => (clearTimeout(timer), resolve(e)) });
    });
  }

  close(): void {
    this.controller.abort();
  }

  private async pump(body: ReadableStream<Uint8Array>): Promise<void> {
    const decoder = new TextDecoder();
    let buffer = '';
    for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) {
      buffer += decoder.decode(chunk, { stream: true });
      let cut: number;
      while ((cut = buffer.indexOf('\n\n')) >= 0) {
        const frame = buffer.slice(0, cut);
        buffer = buffer.slice(cut + 2);
        const e: SseEvent = { event: 'message', data: '' };
        const data: string[] = [];
        for (const line of frame.split('\n')) {
          if (line.startsWith(':')) continue;
          const i = line.indexOf(':');
          const field = i < 0 ? line : line.slice(0, i);
          const value = i < 0 ? '' : line.slice(i + 1).replace(/^ /, '');
          if (field === 'event') e.event = value;
          else if (field === 'id') e.id = value;
          else if (field === 'data') data.push(value);
        }
        if (data.length === 0) continue;
        e.data = data.join('\n');
        this.events.push(e);
        for (const w of [...this.waiters]) {
          if (w.match(e)) {
            this.waiters.splice(this.waiters.indexOf(w), 1);
            w.resolve(e);
          }
        }
      }
    }
  }
}
