import { Injectable } from '@nestjs/common';
import { ReadinessCheck } from './readiness-check';

@Injectable()
export class ReadinessRegistry {
  private readonly checks: ReadinessCheck[] = [];

  register(check: ReadinessCheck): void {
    this.checks.push(check);
  }

  async run(timeoutMs = 2000): Promise<{ ok: boolean; checks: Record<string, { ok: boolean; error?: string }> }> {
    const results = await Promise.all(
      this.checks.map(async (c) => {
        try {
          await Promise.race([
            c.check(),
            new Promise((_, reject) => setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms`)), timeoutMs).unref()),
          ]);
          return [c.name, { ok: true }] as const;
        } catch (e) {
          return [c.name, { ok: false, error: (e as Error).message }] as const;
        }
      }),
    );
    const checks = Object.fromEntries(results);
    return { ok: results.every(([, r]) => r.ok), checks };
  }
}
