import { Injectable } from '@nestjs/common';

type Labels = Record<string, string>;

function key(labels: Labels): string {
  return Object.keys(labels)
    .sort()
    .map((k) => `${k}="${labels[k].replace(/["\\\n]/g, '_')}"`)
    .join(',');
}

/**
 * A deliberately small Prometheus text-format registry: counters and gauges are all the
 * reliability alerts need (dead letters, repairs, pending receipts, outbox lag).
 */
@Injectable()
export class MetricsRegistry {
  private readonly counters = new Map<string, { help: string; values: Map<string, number> }>();
  private readonly gauges = new Map<string, { help: string; read: () => Array<[Labels, number]> }>();

  increment(name: string, help: string, labels: Labels = {}, by = 1): void {
    let metric = this.counters.get(name);
    if (!metric) {
      metric = { help, values: new Map() };
      this.counters.set(name, metric);
    }
    const k = key(labels);
    metric.values.set(k, (metric.values.get(k) ?? 0) + by);
  }

  counterValue(name: string, labels: Labels = {}): number {
    return this.counters.get(name)?.values.get(key(labels)) ?? 0;
  }

  /** A gauge is read when scraped, so it never drifts from the source of truth. */
  gauge(name: string, help: string, read: () => Array<[Labels, number]>): void {
    this.gauges.set(name, { help, read });
  }

  render(): string {
    const lines: string[] = [];
    for (const [name, m] of this.counters) {
      lines.push(`# HELP ${name} ${m.help}`, `# TYPE ${name} counter`);
      for (const [k, v] of m.values) lines.push(`${name}${k ? `{${k}}` : ''} ${v}`);
    }
    for (const [name, g] of this.gauges) {
      lines.push(`# HELP ${name} ${g.help}`, `# TYPE ${name} gauge`);
      for (const [labels, v] of g.read()) {
        const k = key(labels);
        lines.push(`${name}${k ? `{${k}}` : ''} ${v}`);
      }
    }
    return lines.join('\n') + '\n';
  }
}
