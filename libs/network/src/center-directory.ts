import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { readFileSync } from 'node:fs';
import { Center } from './center';

export class UnknownCenterError extends Error {
  constructor(readonly code: string) {
    super(`center ${code} is not part of this network`);
  }
}

/**
 * The center tree, read once from the network file. Every route (who is whose parent,
 * which hub serves a pool) is derived from it, so the tree may be two or three levels deep.
 */
export class CenterDirectory {
  private readonly byCode = new Map<string, Center>();
  private readonly children = new Map<string, Center[]>();

  constructor(centers: Center[]) {
    const problems: string[] = [];
    for (const [i, raw] of centers.entries()) {
      const c = plainToInstance(Center, { ...raw, parent: raw.parent ?? null });
      for (const e of validateSync(c)) problems.push(`centers[${i}] (${raw.code ?? '?'}): ${Object.values(e.constraints ?? {}).join('; ')}`);
      if (this.byCode.has(c.code)) problems.push(`centers[${i}]: duplicate code ${c.code}`);
      this.byCode.set(c.code, c);
    }
    for (const c of this.byCode.values()) {
      if (c.parent === null) continue;
      if (!this.byCode.has(c.parent)) problems.push(`${c.code}: parent ${c.parent} is not in the network`);
      else this.children.set(c.parent, [...(this.children.get(c.parent) ?? []), c]);
    }
    for (const c of this.byCode.values()) {
      const seen = new Set<string>();
      for (let p: Center | undefined = c; p?.parent; p = this.byCode.get(p.parent)) {
        if (seen.has(p.code)) {
          problems.push(`${c.code}: parent chain loops`);
          break;
        }
        seen.add(p.code);
      }
    }
    if (problems.length) throw new Error(`Invalid network file:\n  - ${problems.join('\n  - ')}`);
  }

  static fromFile(path: string): CenterDirectory {
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as { centers?: Center[] };
    if (!Array.isArray(parsed.centers)) throw new Error(`Invalid network file ${path}: expected { "centers": [...] }`);
    return new CenterDirectory(parsed.centers);
  }

  all(): Center[] {
    return [...this.byCode.values()];
  }

  has(code: string): boolean {
    return this.byCode.has(code);
  }

  get(code: string): Center {
    const c = this.byCode.get(code);
    if (!c) throw new UnknownCenterError(code);
    return c;
  }

  parentOf(code: string): Center | null {
    const p = this.get(code).parent;
    return p ? this.get(p) : null;
  }

  childrenOf(code: string): Center[] {
    return this.children.get(code) ?? [];
  }

  /** True when `ancestor` is `code` itself or above it in the tree. */
  isSelfOrAncestor(ancestor: string, code: string): boolean {
    for (let c: Center | null = this.byCode.get(code) ?? null; c; c = c.parent ? this.get(c.parent) : null) {
      if (c.code === ancestor) return true;
    }
    return false;
  }

  /** The topmost ancestor (the province platform) of a center. */
  rootOf(code: string): Center {
    let c = this.get(code);
    while (c.parent) c = this.get(c.parent);
    return c;
  }

  grpcAddressOf(hubCode: string): string {
    const c = this.get(hubCode);
    if (!c.grpc) throw new Error(`center ${hubCode} has no gRPC address in the network file`);
    return c.grpc;
  }
}
