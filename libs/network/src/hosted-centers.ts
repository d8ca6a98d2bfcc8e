import { Center } from './center';

/** The centers this process serves: one app process is multi-tenant by center code. */
export class HostedCenters {
  private readonly codes: Set<string>;

  constructor(readonly centers: Center[]) {
    this.codes = new Set(centers.map((c) => c.code));
  }

  has(code: string): boolean {
    return this.codes.has(code);
  }

  list(): string[] {
    return [...this.codes];
  }
}
