import type { CenterLevel } from '@syn/network';

/** Desk roles; docs/roles.md has the matrix of role × action × level (generated from access/access-matrix.ts). */
export const ROLES = ['reporter', 'editor', 'chief-editor', 'curator', 'desk-editor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** What the desk shows for each role. */
export const ROLE_LABELS: Record<Role, string> = {
  reporter: '记者',
  editor: '编辑',
  'chief-editor': '总编辑（终审）',
  curator: '市级稿库审核',
  'desk-editor': '省级平台编辑',
  admin: '管理员',
};

/**
 * The levels at which an account may hold a role: a curator works a city's review queue, a desk
 * editor the province's. Minted service tokens are not bound by this; accounts are.
 */
export const ROLE_LEVELS: Record<Role, readonly CenterLevel[]> = {
  reporter: ['county', 'city', 'province'],
  editor: ['county', 'city', 'province'],
  'chief-editor': ['county', 'city', 'province'],
  curator: ['city'],
  'desk-editor': ['province'],
  admin: ['county', 'city', 'province'],
};
