import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import type { Direction, Route } from '@syn/contracts';
import { readFileSync } from 'node:fs';
import { Center } from './center';

/** One hop of the tree: a child and its parent, and which way the event goes between them. */
export interface Hop {
  direction: Direction;
  parent: string;
  child: string;
}

export class UnknownCenterError extends Error {
  constructor(readonly code: string) {
    super(`center ${code} is not part of this network`);
  }
}

/**
 * The center tree, read once from the network file, and the one place that answers routing
 * questions: who is whose parent, which hop joins two neighbours, which child leads toward a
 * center, who may address a center, whom a downward item must reach. Events travel one hop at a
 * time, so the tree may be two or three levels deep and nothing else needs to know its shape.
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

  /** A center and everything below it, the center first. */
  subtreeOf(code: string): string[] {
    return [code, ...this.childrenOf(code).flatMap((c) => this.subtreeOf(c.code))];
  }

  /** The topmost ancestor (the province platform) of a center. */
  rootOf(code: string): Center {
    let c = this.get(code);
    while (c.parent) c = this.get(c.parent);
    return c;
  }

  /** The hop between two neighbours; subjects only connect a center with its parent or its children. */
  hop(from: string, to: string): Hop {
    if (this.has(from) && this.get(from).parent === to) return { direction: 'up', parent: to, child: from };
    if (this.has(to) && this.get(to).parent === from) return { direction: 'down', parent: from, child: to };
    throw new Error(`centers ${from} and ${to} are not neighbours in the tree; no route between them`);
  }

  /** The route (and so the subject) of an event of `type` from `from` to its neighbour `to`. */
  route(type: string, from: string, to: string): Route {
    return { ...this.hop(from, to), type };
  }

  isNeighbour(from: string, to: string): boolean {
    return this.has(from) && this.has(to) && (this.get(from).parent === to || this.get(to).parent === from);
  }

  /** The next center on the way from `from` toward `target`: a child whose subtree holds it, else the parent. */
  nextHopToward(from: string, target: string): string | null {
    if (from === target || !this.has(target)) return null;
    return this.nextHopDown(from, target) ?? this.get(from).parent;
  }

  /** The child of `from` on the way down to `to`, or null when `to` is `from` or not below it. */
  nextHopDown(from: string, to: string): string | null {
    if (!this.has(to) || from === to) return null;
    for (let c = this.get(to); c.parent; c = this.get(c.parent)) {
      if (c.parent === from) return c.code;
    }
    return null;
  }

  /** Who may address `center` going `direction`: its parent going down, its children going up. */
  sendersTo(center: string, direction: Direction): ReadonlySet<string> {
    if (!this.has(center)) return new Set();
    if (direction === 'down') {
      const parent = this.get(center).parent;
      return new Set(parent ? [parent] : []);
    }
    return new Set(this.childrenOf(center).map((c) => c.code));
  }

  /** True when `center` is a target or lies inside a target's subtree (a target with children fans out). */
  isTargeted(center: string, targets: readonly string[]): boolean {
    return targets.some((t) => this.isSelfOrAncestor(t, center));
  }

  /** The target that covers `center` (itself or its nearest targeted ancestor), or null. */
  targetCovering(center: string, targets: readonly string[]): string | null {
    if (!this.has(center)) return null;
    for (let c: string | null = center; c; c = this.get(c).parent) {
      if (targets.includes(c)) return c;
    }
    return null;
  }

  /**
   * The children of `from` a downward item must reach: those with a target in their subtree, and
   * all of them when `from` is itself covered by a target.
   */
  childrenToward(from: string, targets: readonly string[]): string[] {
    return this.childrenOf(from)
      .filter((c) => this.isTargeted(c.code, targets) || targets.some((t) => this.has(t) && this.isSelfOrAncestor(c.code, t)))
      .map((c) => c.code);
  }

  /** Targets that are not strictly below `issuer`: a center can only aim downward. */
  targetsOutside(issuer: string, targets: readonly string[]): string[] {
    return targets.filter((t) => !this.has(t) || t === issuer || !this.isSelfOrAncestor(issuer, t));
  }

  grpcAddressOf(hubCode: string): string {
    const c = this.get(hubCode);
    if (!c.grpc) throw new Error(`center ${hubCode} has no gRPC address in the network file`);
    return c.grpc;
  }
}
