/** Desk roles; docs/roles.md has the matrix of role × action × level. */
export const ROLES = ['reporter', 'editor', 'chief-editor', 'curator', 'desk-editor', 'admin'] as const;
export type Role = (typeof ROLES)[number];
