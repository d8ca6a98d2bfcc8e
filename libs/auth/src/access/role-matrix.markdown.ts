import type { CenterLevel } from '@syn/network';
import { ROLE_LABELS, ROLE_LEVELS, ROLES } from '../roles';
import { ACCESS_MATRIX, AccessRule } from './access-matrix';

const LEVEL_TITLES: Record<CenterLevel, string> = { county: '县级 county', city: '市级 city', province: '省级 province' };

function cell(rule: AccessRule, role: (typeof ROLES)[number]): string {
  if (rule.scope === 'public') return '公开';
  if (!rule.roles.includes(role)) return '—';
  return rule.scope === 'own-or-below' ? '✓ 本级及下级' : '✓';
}

/**
 * docs/roles.md, rendered from ACCESS_MATRIX so that the document cannot drift from what the
 * guard enforces (a small test compares the two).
 */
export function renderRoleMatrixMarkdown(): string {
  const lines: string[] = [
    '# Roles and what they may do (角色与权限)',
    '',
    '<!-- Generated from libs/auth/src/access/access-matrix.ts by `node dist/scripts/docs/generate-role-matrix.js`; do not edit by hand. -->',
    '',
    'Every desk request carries a token naming user, role and center. `DeskAuthGuard` finds the route in the access matrix and answers:',
    '',
    '| answer | when |',
    '| --- | --- |',
    '| 401 | no token, a bad or expired token, or the account behind it is disabled or its password was changed since |',
    '| 403 | the role may not do this, or the path names a center the caller does not act for (another center, or a child center where the action is not *本级及下级*) |',
    '| 404 | the center in the path is not served by this app, or the thing asked for does not exist in that center |',
    '| 429 | login or submission rate limit (per user and per center) |',
    '',
    '“✓” means the caller’s own center only; “✓ 本级及下级” means the caller’s own center or any center below it in the tree.',
    '',
    '## Roles',
    '',
    '| role | 中文 | levels an account may hold it at |',
    '| --- | --- | --- |',
    ...ROLES.map((r) => `| \`${r}\` | ${ROLE_LABELS[r]} | ${ROLE_LEVELS[r].join(', ')} |`),
    '',
  ];
  for (const level of ['county', 'city', 'province'] as const) {
    lines.push(`## ${LEVEL_TITLES[level]}`, '');
    lines.push(`| action | endpoint | ${ROLES.join(' | ')} | 说明 |`);
    lines.push(`| --- | --- | ${ROLES.map(() => '---').join(' | ')} | --- |`);
    for (const rule of ACCESS_MATRIX.filter((r) => r.levels.includes(level))) {
      lines.push(`| \`${rule.action}\` | \`${rule.method} ${rule.path}\` | ${ROLES.map((r) => cell(rule, r)).join(' | ')} | ${rule.summary} |`);
    }
    lines.push('');
  }
  lines.push(
    '## Limits of this matrix',
    '',
    '- A parent admin manages a child center’s users by calling the app that hosts the child (same token; the tree says the child is below). That app cannot see whether the parent admin’s own account was disabled meanwhile: there the access token is honoured until it expires (15 minutes); the refresh is refused at once.',
    '- Service tokens minted with `AUTH_TOKEN_SECRET` (demo, scripts, tests) are not tied to an account and stay valid until they expire.',
    '- The live feed (`liveFeed.watch`, Server-Sent Events) takes the token in the Authorization header only, like every route (a desk reads it with fetch, not EventSource); a token in the URL is refused. What each level’s feed carries is in docs/live-feed.md.',
    '- A route’s roles say who may call it; some steps are narrower inside. 终审 (`story.submit`, or `countyReview.sign` with step final) is the chief editor’s: an editor or admin reaches it and is refused with 403 naming the role needed; an admin signs no review step.',
    '',
  );
  return lines.join('\n');
}
