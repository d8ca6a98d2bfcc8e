import type { Direction } from '@syn/contracts';
import type { CenterDirectory } from '@syn/network';

/** Who may address `center` in `direction`, from the tree: its parent going down, its children going up. */
export function expectedSenders(directory: CenterDirectory, center: string, direction: Direction): ReadonlySet<string> {
  if (!directory.has(center)) return new Set();
  if (direction === 'down') {
    const parent = directory.get(center).parent;
    return new Set(parent ? [parent] : []);
  }
  return new Set(directory.childrenOf(center).map((c) => c.code));
}
