import { Injectable, OnModuleInit } from '@nestjs/common';
import { getHeapStatistics } from 'node:v8';
import { MetricsRegistry } from './metrics.registry';

/** The process's memory on /metrics: apps run with a capped heap (APP_NODE_ARGS), so its headroom is worth watching. */
@Injectable()
export class ProcessMetrics implements OnModuleInit {
  constructor(private readonly metrics: MetricsRegistry) {}

  onModuleInit() {
    this.metrics.gauge('syn_process_resident_memory_bytes', 'Resident set size of the process', () => [[{}, process.memoryUsage.rss()]]);
    this.metrics.gauge('syn_process_heap_used_bytes', 'V8 heap in use', () => [[{}, getHeapStatistics().used_heap_size]]);
    this.metrics.gauge('syn_process_heap_limit_bytes', 'V8 heap limit (--max-old-space-size plus the young generation)', () => [
      [{}, getHeapStatistics().heap_size_limit],
    ]);
  }
}
