/** A story of a batch and the near-duplicates found for it (at least one). */
export interface LinkedStory {
  hub: string;
  storyId: string;
  near: string[];
}

/** A near-duplicate's current family membership, and when it joined. */
export interface FamilyMembership {
  hub: string;
  storyId: string;
  familyId: string;
  since: Date;
}

export interface FamilyPlacement {
  /** Families merged into another: every member of `from` moves to `into`. */
  relabel: Array<{ hub: string; from: string; into: string }>;
  /** Members to write (stories with no family yet); members of relabelled families are not repeated here. */
  add: Array<{ hub: string; storyId: string; familyId: string }>;
  /** The family of each linked story, in order. */
  familyIds: string[];
}

/**
 * Where a batch's stories and their near-duplicates belong: the connected components of the
 * batch's links and the families they touch, per hub, which is what joining the stories one after
 * the other gives. Of the families a component links, the oldest (earliest member seen) keeps its
 * id and the others merge into it; a component that links none gets `newId()`.
 */
export function placeInFamilies(linked: readonly LinkedStory[], members: readonly FamilyMembership[], newId: () => string): FamilyPlacement {
  const up = new Map<string, string>();
  const find = (x: string): string => {
    let root = x;
    while (up.has(root)) root = up.get(root)!;
    for (let y = x; y !== root;) {
      const next = up.get(y)!;
      up.set(y, root);
      y = next;
    }
    return root;
  };
  const union = (a: string, b: string) => {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) up.set(ra, rb);
  };
  const storyNode = (hub: string, id: string) => `${hub}|story|${id}`;
  const families = new Map<string, { hub: string; familyId: string; since: number }>();
  const current = new Map<string, string>();
  for (const r of members) {
    const node = `${r.hub}|family|${r.familyId}`;
    const known = families.get(node);
    families.set(node, { hub: r.hub, familyId: r.familyId, since: Math.min(known?.since ?? Infinity, r.since.getTime()) });
    union(storyNode(r.hub, r.storyId), node);
    current.set(storyNode(r.hub, r.storyId), r.familyId);
  }
  for (const it of linked) for (const id of it.near) union(storyNode(it.hub, it.storyId), storyNode(it.hub, id));

  const kept = new Map<string, string>();
  for (const [node, f] of [...families].sort((a, b) => a[1].since - b[1].since || a[1].familyId.localeCompare(b[1].familyId))) {
    const root = find(node);
    if (!kept.has(root)) kept.set(root, f.familyId);
  }
  const familyOf = (node: string) => {
    const root = find(node);
    let id = kept.get(root);
    if (id === undefined) kept.set(root, (id = newId()));
    return id;
  };

  const relabel: FamilyPlacement['relabel'] = [];
  const moved = new Set<string>();
  for (const [node, f] of families) {
    const into = familyOf(node);
    if (into === f.familyId) continue;
    relabel.push({ hub: f.hub, from: f.familyId, into });
    moved.add(node);
  }
  // A member of a relabelled family moves with it: writing it again would touch its row twice.
  const add = new Map<string, FamilyPlacement['add'][number]>();
  for (const it of linked)
    for (const id of [it.storyId, ...it.near]) {
      const node = storyNode(it.hub, id);
      const now = current.get(node);
      const familyId = familyOf(node);
      if (now === familyId || (now !== undefined && moved.has(`${it.hub}|family|${now}`))) continue;
      add.set(node, { hub: it.hub, storyId: id, familyId });
    }
  return { relabel, add: [...add.values()], familyIds: linked.map((it) => familyOf(storyNode(it.hub, it.storyId))) };
}
