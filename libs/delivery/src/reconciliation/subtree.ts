import type { CenterDirectory } from '@syn/network';

/** A center and everything below it. */
export function subtreeOf(directory: CenterDirectory, code: string): string[] {
  const out: string[] = [];
  const walk = (c: string) => {
    out.push(c);
    for (const child of directory.childrenOf(c)) walk(child.code);
  };
  walk(code);
  return out;
}
