import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { BareResult } from './bare-baseline';
import type { BenchOptions } from './bench-options';
import type { BenchSummary } from './bench-summary';
import type { CatchUpResult } from './catch-up-phase';
import type { LatencyResult } from './latency-phase';
import type { MachineInfo } from './machine-info';
import type { ThroughputResult } from './throughput-phase';

export interface ReportInput {
  machine: MachineInfo;
  summary: BenchSummary;
  bare: BareResult;
  throughput: ThroughputResult;
  latency: LatencyResult;
  catchUp: CatchUpResult;
  samples: string;
}

export function writeReport(o: BenchOptions, r: ReportInput): string {
  const path = resolve(process.cwd(), o.docPath);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, JSON.stringify(r, null, 2));
  return path;
}

export const previousDoc = (path: string) => (existsSync(path) ? readFileSync(path, 'utf8') : '');
