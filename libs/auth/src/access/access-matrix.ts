import type { CenterLevel } from '@syn/network';
import { ROLES, type Role } from '../roles';

/**
 * Where a caller may act:
 * - `public`: no token (login, refresh);
 * - `authenticated`: any valid token, no center in the path;
 * - `own`: the :center of the path must be the caller's own center;
 * - `own-or-below`: the caller's own center or any center below it in the tree.
 */
export type AccessScope = 'public' | 'authenticated' | 'own' | 'own-or-below';
export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export interface AccessRule {
  /** Stable name of the action, used by docs and tests. */
  action: string;
  method: HttpMethod;
  /** Express route pattern exactly as the controller registers it. */
  path: string;
  /** Levels of center whose apps serve the endpoint. */
  levels: readonly CenterLevel[];
  roles: readonly Role[];
  scope: AccessScope;
  /** One line for docs/roles.md, 中文 first. */
  summary: string;
}

const ALL_LEVELS: readonly CenterLevel[] = ['county', 'city', 'province'];
const AUTHORS: readonly CenterLevel[] = ['county', 'city'];
const HUBS: readonly CenterLevel[] = ['city', 'province'];
const WRITERS: readonly Role[] = ['reporter', 'editor', 'chief-editor', 'admin'];

/**
 * The one source of truth for who may call which endpoint. DeskAuthGuard enforces it by route,
 * docs/roles.md is generated from it, and test/e2e/authorization-matrix.e2e-spec.ts calls every
 * entry as every role for its own center, a foreign center and a child center.
 */
export const ACCESS_MATRIX: readonly AccessRule[] = [
  { action: 'auth.login', method: 'POST', path: '/api/v1/auth/login', levels: ALL_LEVELS, roles: [], scope: 'public', summary: '登录：用户名与密码换取访问令牌（15 分钟）与刷新令牌' },
  { action: 'auth.refresh', method: 'POST', path: '/api/v1/auth/refresh', levels: ALL_LEVELS, roles: [], scope: 'public', summary: '刷新：以刷新令牌换取新的一对令牌（旧刷新令牌作废）' },
  { action: 'auth.logout', method: 'POST', path: '/api/v1/auth/logout', levels: ALL_LEVELS, roles: [], scope: 'public', summary: '退出：作废刷新令牌' },
  { action: 'auth.me', method: 'GET', path: '/api/v1/auth/me', levels: ALL_LEVELS, roles: ROLES, scope: 'authenticated', summary: '当前用户：令牌所代表的用户、角色与中心' },

  { action: 'story.list', method: 'GET', path: '/api/v1/centers/:center/stories', levels: AUTHORS, roles: ROLES, scope: 'own', summary: '本中心稿件列表（含草稿）' },
  { action: 'story.get', method: 'GET', path: '/api/v1/centers/:center/stories/:id', levels: AUTHORS, roles: ROLES, scope: 'own', summary: '查看本中心一篇稿件' },
  { action: 'story.create', method: 'POST', path: '/api/v1/centers/:center/stories', levels: AUTHORS, roles: WRITERS, scope: 'own', summary: '写稿（草稿）' },
  { action: 'story.update', method: 'PATCH', path: '/api/v1/centers/:center/stories/:id', levels: AUTHORS, roles: WRITERS, scope: 'own', summary: '修改草稿或被退回的稿件' },
  { action: 'story.submit', method: 'POST', path: '/api/v1/centers/:center/stories/:id/submit', levels: AUTHORS, roles: ['editor', 'chief-editor', 'admin'], scope: 'own', summary: '上报到上级中心' },

  { action: 'review.list', method: 'GET', path: '/api/v1/centers/:center/review-queue', levels: HUBS, roles: ['curator', 'desk-editor', 'chief-editor', 'admin'], scope: 'own', summary: '审核队列：下级报送的稿件' },
  { action: 'review.decide', method: 'POST', path: '/api/v1/centers/:center/review-queue/:storyId/decision', levels: HUBS, roles: ['curator', 'desk-editor', 'admin'], scope: 'own', summary: '入库或退稿' },

  { action: 'pool.list', method: 'GET', path: '/api/v1/centers/:center/pool', levels: HUBS, roles: ['curator', 'desk-editor', 'chief-editor', 'editor', 'admin'], scope: 'own', summary: '大稿库列表' },
  { action: 'pool.get', method: 'GET', path: '/api/v1/centers/:center/pool/:storyId', levels: HUBS, roles: ['curator', 'desk-editor', 'chief-editor', 'editor', 'admin'], scope: 'own', summary: '查看大稿库中一篇稿件' },

  { action: 'index.list', method: 'GET', path: '/api/v1/centers/:center/index', levels: ['province'], roles: ['desk-editor', 'chief-editor', 'admin'], scope: 'own', summary: '省级稿库：全省各大稿库的稿件' },
  { action: 'index.open', method: 'GET', path: '/api/v1/centers/:center/index/:storyId', levels: ['province'], roles: ['desk-editor', 'chief-editor', 'admin'], scope: 'own', summary: '打开省级稿库中的稿件（经 gRPC 从所属稿库取全文）' },

  { action: 'deadLetters.list', method: 'GET', path: '/api/v1/centers/:center/dead-letters', levels: ALL_LEVELS, roles: ['admin'], scope: 'own', summary: '死信列表（无法处理的消息及原因）' },
  { action: 'deadLetters.replay', method: 'POST', path: '/api/v1/centers/:center/dead-letters/:id/replay', levels: ALL_LEVELS, roles: ['admin'], scope: 'own', summary: '重放一条死信' },

  { action: 'users.list', method: 'GET', path: '/api/v1/centers/:center/users', levels: ALL_LEVELS, roles: ['admin'], scope: 'own-or-below', summary: '本中心或下级中心的用户列表' },
  { action: 'users.create', method: 'POST', path: '/api/v1/centers/:center/users', levels: ALL_LEVELS, roles: ['admin'], scope: 'own-or-below', summary: '为本中心或下级中心建用户' },
  { action: 'users.update', method: 'PATCH', path: '/api/v1/centers/:center/users/:userId', levels: ALL_LEVELS, roles: ['admin'], scope: 'own-or-below', summary: '改用户的名称、角色，停用或启用（立即生效）' },
  { action: 'users.setPassword', method: 'POST', path: '/api/v1/centers/:center/users/:userId/password', levels: ALL_LEVELS, roles: ['admin'], scope: 'own-or-below', summary: '重设用户密码（作废其刷新令牌与此前的访问令牌）' },

  // ---- search & near-duplicates (issue 3 search, issue 5 province-scope search) ----
  { action: 'pool.search', method: 'GET', path: '/api/v1/centers/:center/pool/search', levels: HUBS, roles: ['curator', 'desk-editor', 'chief-editor', 'editor', 'admin'], scope: 'own', summary: '大稿库检索：中文分词全文检索，按相关度排序、高亮；scope=queue 检索审核队列（仅审核队列的读者）' },
  { action: 'review.family', method: 'GET', path: '/api/v1/centers/:center/review-queue/:storyId/family', levels: HUBS, roles: ['curator', 'desk-editor', 'chief-editor', 'admin'], scope: 'own', summary: '同题稿件：与一篇待审稿件近似重复的稿件（待审或已入库），并排对照' },
  { action: 'review.merge', method: 'POST', path: '/api/v1/centers/:center/review-queue/:storyId/merge', levels: HUBS, roles: ['curator', 'desk-editor', 'admin'], scope: 'own', summary: '合并同题稿件：一篇入库并署上所有作者，其余以“已合并到《…》”退稿' },
  { action: 'sharedPool.search', method: 'GET', path: '/api/v1/centers/:center/shared-pool/search', levels: AUTHORS, roles: WRITERS, scope: 'own', summary: '检索上级大稿库（经 gRPC），按相关度排序、高亮' },
  { action: 'index.search', method: 'GET', path: '/api/v1/centers/:center/index/search', levels: ['province'], roles: ['desk-editor', 'chief-editor', 'admin'], scope: 'own', summary: '省级检索：全省各大稿库稿件的中文全文检索' },
];

const byRoute = new Map(ACCESS_MATRIX.map((r) => [routeKey(r.method, r.path), r]));

export function routeKey(method: string, path: string): string {
  return `${method.toUpperCase()} ${path}`;
}

/** The rule of a registered route, or undefined for routes outside the matrix (health, docs). */
export function accessRuleFor(method: string, path: string): AccessRule | undefined {
  return byRoute.get(routeKey(method, path));
}
