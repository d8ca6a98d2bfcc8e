import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

type Labels = Record<string, string>;
type GaugeRead = () => Array<[Labels, number]> | Promise<Array<[Labels, number]>>;

/** Seconds: from a 5 ms HTTP answer to a 10 s batch of a county that was offline for days. */
export const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * The app's Prometheus registry, backed by prom-client so that the text format, label escaping,
 * histograms and Node's default metrics (event loop lag, GC, heap, handles) come from a
 * maintained client. One registry per app instance rather than prom-client's global one: tests
 * build several apps in one process, and each must only show its own numbers.
 */
@Injectable()
export class MetricsRegistry {
  readonly registry = new Registry();
  private readonly counters = new Map<string, Counter>();
  private readonly histograms = new Map<string, Histogram>();

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }

  increment(name: string, help: string, labels: Labels = {}, by = 1): void {
    let counter = this.counters.get(name);
    if (!counter) {
      counter = new Counter({ name, help, labelNames: Object.keys(labels), registers: [this.registry] });
      this.counters.set(name, counter);
    }
    counter.inc(labels, by);
  }

  /**
   * A gauge is read when scraped, so it never drifts from the source of truth. A reader that
   * throws (the database or the broker away) leaves the gauge empty for that scrape instead of
   * failing the whole of /metrics, which is exactly when an operator needs the rest.
   */
  gauge(name: string, help: string, read: GaugeRead, labelNames: string[] = []): void {
    this.registry.removeSingleMetric(name);
    new Gauge({
      name,
      help,
      labelNames,
      registers: [this.registry],
      async collect() {
        this.reset();
        try {
          for (const [labels, value] of await read()) this.set(labels, value);
        } catch {
          // Left empty: absent() in an alert rule tells "could not read" from "zero".
        }
      },
    });
  }

  /** A latency or size distribution; observe() with the labels given here. */
  histogram(name: string, help: string, labelNames: string[], buckets: number[] = LATENCY_BUCKETS): Histogram {
    let h = this.histograms.get(name);
    if (!h) {
      h = new Histogram({ name, help, labelNames, buckets, registers: [this.registry] });
      this.histograms.set(name, h);
    }
    return h;
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  render(): Promise<string> {
    return this.registry.metrics();
  }
}
