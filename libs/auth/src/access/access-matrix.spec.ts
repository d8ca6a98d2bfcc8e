import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROLES } from '../roles';
import { ACCESS_MATRIX, accessRuleFor, actionsFor, routeKey } from './access-matrix';
import { renderRoleMatrixMarkdown } from './role-matrix.markdown';

describe('ACCESS_MATRIX', () => {
  it('names each action and route once, with known roles', () => {
    expect(new Set(ACCESS_MATRIX.map((r) => r.action)).size).toBe(ACCESS_MATRIX.length);
    expect(new Set(ACCESS_MATRIX.map((r) => routeKey(r.method, r.path))).size).toBe(ACCESS_MATRIX.length);
    for (const r of ACCESS_MATRIX) for (const role of r.roles) expect(ROLES).toContain(role);
  });

  it('ties every route with a :center to the caller’s center, and opens only login, refresh, logout and the desk’s list of centers', () => {
    for (const r of ACCESS_MATRIX) {
      if (r.path.includes(':center')) expect(['own', 'own-or-below']).toContain(r.scope);
      else expect(['public', 'authenticated']).toContain(r.scope);
    }
    expect(ACCESS_MATRIX.filter((r) => r.scope === 'public').map((r) => r.action)).toEqual(['auth.login', 'auth.refresh', 'auth.logout', 'desk.centers']);
    expect(ACCESS_MATRIX.filter((r) => r.scope === 'own-or-below').every((r) => r.action.startsWith('users.') && r.roles.join() === 'admin')).toBe(true);
  });

  it('lists the actions of a role at a level from the matrix itself, never a public one', () => {
    const countyReporter = actionsFor('reporter', 'county');
    expect(countyReporter).toEqual(expect.arrayContaining(['auth.me', 'story.list', 'story.create']));
    expect(countyReporter).not.toContain('story.submit');
    expect(countyReporter).not.toContain('countyReview.sign');
    expect(countyReporter).not.toContain('auth.login');
    expect(actionsFor('editor', 'county')).toContain('story.submit');
    expect(actionsFor('curator', 'city')).toContain('review.decide');
    expect(actionsFor('admin', 'province')).not.toContain('story.create');
  });

  it('is found by method and route pattern', () => {
    expect(accessRuleFor('post', '/api/v1/centers/:center/stories/:id/submit')?.action).toBe('story.submit');
    expect(accessRuleFor('GET', '/health/ready')).toBeUndefined();
  });

  it('docs/roles.md is the rendering of the matrix (regenerate with scripts/docs/generate-role-matrix)', () => {
    const doc = readFileSync(join(__dirname, '../../../../docs/roles.md'), 'utf8');
    expect(doc).toBe(renderRoleMatrixMarkdown());
  });
});
