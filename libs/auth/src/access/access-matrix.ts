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
export type HttpMethod = 'GET' | 'HEAD' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

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
/** The roles of a desk that issues downward and adopts (city hub, provincial desk). */
const ISSUERS: readonly Role[] = ['desk-editor', 'chief-editor', 'curator', 'admin'];
/** Who uploads media: those who write stories, and those who issue releases (通稿) with their photos and video. */
const MEDIA_UPLOADERS: readonly Role[] = [...new Set([...WRITERS, ...ISSUERS])];
/** Who reads the provincial desk's figures and feed. */
const PROVINCE_DESK: readonly Role[] = ['desk-editor', 'chief-editor', 'admin'];
/** Who watches a desk's live feed: everyone who decides or edits at the center (a reporter follows her own stories in the list). */
const LIVE_FEED_WATCHERS: readonly Role[] = ['editor', 'chief-editor', 'curator', 'desk-editor', 'admin'];

/**
 * The one source of truth for who may call which endpoint. DeskAuthGuard enforces it by route,
 * docs/roles.md is generated from it, and test/e2e/authorization-matrix.e2e-spec.ts calls every
 * entry as every role for its own center, a foreign center and a child center.
 */
export const ACCESS_MATRIX: readonly AccessRule[] = [
  {
    action: 'auth.login',
    method: 'POST',
    path: '/api/v1/auth/login',
    levels: ALL_LEVELS,
    roles: [],
    scope: 'public',
    summary: '登录：用户名与密码换取访问令牌（15 分钟）与刷新令牌',
  },
  {
    action: 'auth.refresh',
    method: 'POST',
    path: '/api/v1/auth/refresh',
    levels: ALL_LEVELS,
    roles: [],
    scope: 'public',
    summary: '刷新：以刷新令牌换取新的一对令牌（旧刷新令牌作废）',
  },
  { action: 'auth.logout', method: 'POST', path: '/api/v1/auth/logout', levels: ALL_LEVELS, roles: [], scope: 'public', summary: '退出：作废刷新令牌' },
  {
    action: 'auth.me',
    method: 'GET',
    path: '/api/v1/auth/me',
    levels: ALL_LEVELS,
    roles: ROLES,
    scope: 'authenticated',
    summary: '当前用户：令牌所代表的用户、角色、中心（级别、名称、上级）及其可做的操作',
  },
  {
    action: 'desk.centers',
    method: 'GET',
    path: '/api/v1/desk/centers',
    levels: ALL_LEVELS,
    roles: [],
    scope: 'public',
    summary: '登录页：本进程服务的中心（代码、中文名称、级别）',
  },

  {
    action: 'story.list',
    method: 'GET',
    path: '/api/v1/centers/:center/stories',
    levels: AUTHORS,
    roles: ROLES,
    scope: 'own',
    summary: '本中心稿件列表（含草稿）',
  },
  {
    action: 'story.get',
    method: 'GET',
    path: '/api/v1/centers/:center/stories/:id',
    levels: AUTHORS,
    roles: ROLES,
    scope: 'own',
    summary: '查看本中心一篇稿件',
  },
  { action: 'story.create', method: 'POST', path: '/api/v1/centers/:center/stories', levels: AUTHORS, roles: WRITERS, scope: 'own', summary: '写稿（草稿）' },
  {
    action: 'story.versions',
    method: 'GET',
    path: '/api/v1/centers/:center/stories/:id/versions',
    levels: AUTHORS,
    roles: ROLES,
    scope: 'own',
    summary: '稿件的全部版本：版本号、类型、时间、修改人、标题、内容指纹',
  },
  {
    action: 'story.version',
    method: 'GET',
    path: '/api/v1/centers/:center/stories/:id/versions/:version',
    levels: AUTHORS,
    roles: ROLES,
    scope: 'own',
    summary: '稿件某一版本的全文（用于版本对比）',
  },
  {
    action: 'story.update',
    method: 'PATCH',
    path: '/api/v1/centers/:center/stories/:id',
    levels: AUTHORS,
    roles: WRITERS,
    scope: 'own',
    summary: '修改草稿或被退回的稿件',
  },
  {
    action: 'story.submit',
    method: 'POST',
    path: '/api/v1/centers/:center/stories/:id/submit',
    levels: AUTHORS,
    roles: ['editor', 'chief-editor', 'admin'],
    scope: 'own',
    summary: '终审签字并上报到上级中心',
  },
  {
    action: 'story.audit',
    method: 'GET',
    path: '/api/v1/centers/:center/stories/:id/audit',
    levels: AUTHORS,
    roles: ROLES,
    scope: 'own',
    summary: '稿件审计记录：本中心每次状态变化（谁、何时、前后）',
  },
  {
    action: 'story.correct',
    method: 'POST',
    path: '/api/v1/centers/:center/stories/:id/corrections',
    levels: AUTHORS,
    roles: ['editor', 'chief-editor', 'admin'],
    scope: 'own',
    summary: '更正：已入库稿件的新版本，连同更正说明送达每一份副本',
  },
  {
    action: 'story.withdraw',
    method: 'POST',
    path: '/api/v1/centers/:center/stories/:id/withdrawal',
    levels: AUTHORS,
    roles: ['chief-editor', 'admin'],
    scope: 'own',
    summary: '撤稿：稿件从所到之处全部撤下（不可恢复）',
  },

  {
    action: 'countyReview.sign',
    method: 'POST',
    path: '/api/v1/centers/:center/stories/:id/review/advance',
    levels: AUTHORS,
    roles: ['editor', 'chief-editor'],
    scope: 'own',
    summary: '三审签字：初审、复审、终审（终审即上报）',
  },
  {
    action: 'countyReview.sendBack',
    method: 'POST',
    path: '/api/v1/centers/:center/stories/:id/review/send-back',
    levels: AUTHORS,
    roles: ['editor', 'chief-editor'],
    scope: 'own',
    summary: '审核退回作者（附理由），本版本的签字作废',
  },
  {
    action: 'countyReview.policy',
    method: 'GET',
    path: '/api/v1/centers/:center/review-policy',
    levels: AUTHORS,
    roles: ROLES,
    scope: 'own',
    summary: '本中心审核级数（二审或三审，默认三审）',
  },
  {
    action: 'countyReview.setPolicy',
    method: 'PUT',
    path: '/api/v1/centers/:center/review-policy',
    levels: AUTHORS,
    roles: ['admin'],
    scope: 'own',
    summary: '设定本中心审核级数',
  },

  {
    action: 'sharedPool.list',
    method: 'GET',
    path: '/api/v1/centers/:center/shared-pool',
    levels: AUTHORS,
    roles: WRITERS,
    scope: 'own',
    summary: '横向共享：上级大稿库中兄弟中心的稿件',
  },
  {
    action: 'sharedPool.get',
    method: 'GET',
    path: '/api/v1/centers/:center/shared-pool/:storyId',
    levels: AUTHORS,
    roles: WRITERS,
    scope: 'own',
    summary: '查看上级大稿库中一篇稿件全文',
  },
  {
    action: 'sharedPool.republish',
    method: 'POST',
    path: '/api/v1/centers/:center/shared-pool/:storyId/republish',
    levels: AUTHORS,
    roles: ['editor', 'chief-editor'],
    scope: 'own',
    summary: '转载兄弟中心的稿件到本中心渠道（注明来源，并反馈给原作中心）',
  },
  {
    action: 'sharedPool.republished',
    method: 'GET',
    path: '/api/v1/centers/:center/republished',
    levels: AUTHORS,
    roles: WRITERS,
    scope: 'own',
    summary: '本中心转载过的稿件',
  },

  {
    action: 'topicInbox.list',
    method: 'GET',
    path: '/api/v1/centers/:center/topic-inbox',
    levels: AUTHORS,
    roles: WRITERS,
    scope: 'own',
    summary: '收到的选题（写稿时带上 topicId 即为响应）',
  },
  {
    action: 'releaseInbox.list',
    method: 'GET',
    path: '/api/v1/centers/:center/release-inbox',
    levels: AUTHORS,
    roles: WRITERS,
    scope: 'own',
    summary: '收到的通稿',
  },
  {
    action: 'releaseInbox.get',
    method: 'GET',
    path: '/api/v1/centers/:center/release-inbox/:releaseId',
    levels: AUTHORS,
    roles: WRITERS,
    scope: 'own',
    summary: '查看一篇收到的通稿',
  },
  {
    action: 'releaseInbox.republish',
    method: 'POST',
    path: '/api/v1/centers/:center/release-inbox/:releaseId/republish',
    levels: AUTHORS,
    roles: ['editor', 'chief-editor', 'admin'],
    scope: 'own',
    summary: '转载通稿（回执发给下发中心）',
  },
  {
    action: 'adoptionFeedback.list',
    method: 'GET',
    path: '/api/v1/centers/:center/adoption-feedback',
    levels: AUTHORS,
    roles: ROLES,
    scope: 'own',
    summary: '采用反馈：本中心及下级中心的稿件被谁、在哪个渠道采用',
  },

  {
    action: 'review.list',
    method: 'GET',
    path: '/api/v1/centers/:center/review-queue',
    levels: HUBS,
    roles: ['curator', 'desk-editor', 'chief-editor', 'admin'],
    scope: 'own',
    summary: '审核队列：下级报送的稿件',
  },
  {
    action: 'review.get',
    method: 'GET',
    path: '/api/v1/centers/:center/review-queue/:storyId',
    levels: HUBS,
    roles: ['curator', 'desk-editor', 'chief-editor', 'admin'],
    scope: 'own',
    summary: '审核队列中的一篇稿件（认领人与到期时间、重报、同题稿件）',
  },
  {
    action: 'review.decide',
    method: 'POST',
    path: '/api/v1/centers/:center/review-queue/:storyId/decision',
    levels: HUBS,
    roles: ['curator', 'desk-editor', 'admin'],
    scope: 'own',
    summary: '入库、退稿或退改',
  },
  {
    action: 'review.claim',
    method: 'POST',
    path: '/api/v1/centers/:center/review-queue/:storyId/claim',
    levels: HUBS,
    roles: ['curator', 'desk-editor', 'admin'],
    scope: 'own',
    summary: '领稿：占用一篇待审稿件（再次领取即续期）',
  },
  {
    action: 'review.release',
    method: 'POST',
    path: '/api/v1/centers/:center/review-queue/:storyId/release',
    levels: HUBS,
    roles: ['curator', 'desk-editor', 'admin'],
    scope: 'own',
    summary: '放回：把领取的稿件交还审核队列',
  },
  {
    action: 'review.audit',
    method: 'GET',
    path: '/api/v1/centers/:center/review-queue/:storyId/audit',
    levels: HUBS,
    roles: ['curator', 'desk-editor', 'chief-editor', 'admin'],
    scope: 'own',
    summary: '待审稿件在本稿库的审计记录',
  },

  {
    action: 'pool.list',
    method: 'GET',
    path: '/api/v1/centers/:center/pool',
    levels: HUBS,
    roles: ['curator', 'desk-editor', 'chief-editor', 'editor', 'admin'],
    scope: 'own',
    summary: '大稿库列表',
  },
  {
    action: 'pool.get',
    method: 'GET',
    path: '/api/v1/centers/:center/pool/:storyId',
    levels: HUBS,
    roles: ['curator', 'desk-editor', 'chief-editor', 'editor', 'admin'],
    scope: 'own',
    summary: '查看大稿库中一篇稿件',
  },
  {
    action: 'pool.edit',
    method: 'PATCH',
    path: '/api/v1/centers/:center/pool/:storyId',
    levels: HUBS,
    roles: ['curator', 'desk-editor'],
    scope: 'own',
    summary: '编辑入库稿件的标题、摘要、标签（署名编辑，原文保留）',
  },
  {
    action: 'pool.audit',
    method: 'GET',
    path: '/api/v1/centers/:center/pool/:storyId/audit',
    levels: HUBS,
    roles: ['curator', 'desk-editor', 'chief-editor', 'editor', 'admin'],
    scope: 'own',
    summary: '入库稿件在本稿库的审计记录',
  },
  {
    action: 'pool.recommend',
    method: 'POST',
    path: '/api/v1/centers/:center/pool/:storyId/recommend',
    levels: HUBS,
    roles: ['curator', 'chief-editor'],
    scope: 'own',
    summary: '推荐：把入库稿件推荐给上级平台（附推荐语）；省级无上级，答 422',
  },

  {
    action: 'index.list',
    method: 'GET',
    path: '/api/v1/centers/:center/index',
    levels: ['province'],
    roles: PROVINCE_DESK,
    scope: 'own',
    summary: '省级稿库：全省各大稿库的稿件',
  },
  {
    action: 'index.open',
    method: 'GET',
    path: '/api/v1/centers/:center/index/:storyId',
    levels: ['province'],
    roles: PROVINCE_DESK,
    scope: 'own',
    summary: '打开省级稿库中的稿件（经 gRPC 从所属稿库取全文）',
  },
  {
    action: 'liveFeed.watch',
    method: 'GET',
    path: '/api/v1/centers/:center/live-feed',
    levels: ALL_LEVELS,
    roles: LIVE_FEED_WATCHERS,
    scope: 'own',
    summary: '实时动态（SSE，可凭 Last-Event-ID 续传）：省——全省入库、推荐、更正、撤稿；市——审核队列与大稿库变化；县——本中心稿件的处理结果与采用',
  },

  {
    action: 'audit.center',
    method: 'GET',
    path: '/api/v1/centers/:center/audit',
    levels: ALL_LEVELS,
    roles: ['chief-editor', 'admin'],
    scope: 'own',
    summary: '本中心审计日志：人或网络做出的每一项状态变更（稿件、选题、通稿、用户、审核设置、积分权重……），可按动作、对象、稿件筛选',
  },

  {
    action: 'adoption.adopt',
    method: 'POST',
    path: '/api/v1/centers/:center/adoptions',
    levels: HUBS,
    roles: ISSUERS,
    scope: 'own',
    summary: '选用稿件到本中心渠道（采用反馈发给原作中心）',
  },
  {
    action: 'adoption.list',
    method: 'GET',
    path: '/api/v1/centers/:center/adoptions',
    levels: HUBS,
    roles: ISSUERS,
    scope: 'own',
    summary: '本中心的选用记录（takedown=pending：已撤稿、待从渠道撤下的选用）',
  },
  {
    action: 'adoption.takenDown',
    method: 'POST',
    path: '/api/v1/centers/:center/adoptions/:storyId/taken-down',
    levels: HUBS,
    roles: ISSUERS,
    scope: 'own',
    summary: '已撤下：确认已撤稿的选用稿件已从本中心全部渠道撤下（请撤下的回执）',
  },

  {
    action: 'topics.issue',
    method: 'POST',
    path: '/api/v1/centers/:center/topics',
    levels: HUBS,
    roles: ISSUERS,
    scope: 'own',
    summary: '下达选题到全部或指定的下级中心',
  },
  {
    action: 'topics.list',
    method: 'GET',
    path: '/api/v1/centers/:center/topics',
    levels: HUBS,
    roles: ISSUERS,
    scope: 'own',
    summary: '本中心下达的选题及各单位响应情况',
  },
  {
    action: 'topics.get',
    method: 'GET',
    path: '/api/v1/centers/:center/topics/:topicId',
    levels: HUBS,
    roles: ISSUERS,
    scope: 'own',
    summary: '查看一个选题：各单位是否响应、何时、是否逾期',
  },
  {
    action: 'distribution.targets',
    method: 'GET',
    path: '/api/v1/centers/:center/targets',
    levels: HUBS,
    roles: ISSUERS,
    scope: 'own',
    summary: '可下达的对象：本中心的直属下级中心（下达选题、通稿时选择）',
  },

  {
    action: 'releases.issue',
    method: 'POST',
    path: '/api/v1/centers/:center/releases',
    levels: HUBS,
    roles: ISSUERS,
    scope: 'own',
    summary: '下发通稿到全部或指定的下级中心',
  },
  {
    action: 'releases.list',
    method: 'GET',
    path: '/api/v1/centers/:center/releases',
    levels: HUBS,
    roles: ISSUERS,
    scope: 'own',
    summary: '本中心下发的通稿及转载情况',
  },
  {
    action: 'releases.get',
    method: 'GET',
    path: '/api/v1/centers/:center/releases/:releaseId',
    levels: HUBS,
    roles: ISSUERS,
    scope: 'own',
    summary: '查看一篇下发的通稿',
  },
  {
    action: 'releases.correct',
    method: 'POST',
    path: '/api/v1/centers/:center/releases/:releaseId/corrections',
    levels: HUBS,
    roles: ISSUERS,
    scope: 'own',
    summary: '更正通稿：新版本送达所有收到的中心',
  },
  {
    action: 'releases.withdraw',
    method: 'POST',
    path: '/api/v1/centers/:center/releases/:releaseId/withdraw',
    levels: HUBS,
    roles: ISSUERS,
    scope: 'own',
    summary: '撤稿：通知所有收到的中心撤下',
  },

  {
    action: 'statistics.monthly',
    method: 'GET',
    path: '/api/v1/centers/:center/statistics/monthly',
    levels: ['province'],
    roles: PROVINCE_DESK,
    scope: 'own',
    summary: '月度考核与稿酬统计：各中心、各作者的报送、入库、采用、转载、选题响应与积分',
  },
  {
    action: 'statistics.monthlyCsv',
    method: 'GET',
    path: '/api/v1/centers/:center/statistics/monthly.csv',
    levels: ['province'],
    roles: PROVINCE_DESK,
    scope: 'own',
    summary: '月度统计导出 CSV（按中心或按作者）',
  },
  {
    action: 'statistics.ledger',
    method: 'GET',
    path: '/api/v1/centers/:center/statistics/ledger',
    levels: ['province'],
    roles: PROVINCE_DESK,
    scope: 'own',
    summary: '当月贡献台账（只增不改，统计由此计算）',
  },
  {
    action: 'statistics.weights',
    method: 'GET',
    path: '/api/v1/centers/:center/statistics/weights',
    levels: ['province'],
    roles: PROVINCE_DESK,
    scope: 'own',
    summary: '各采用级别的积分',
  },
  {
    action: 'statistics.setWeights',
    method: 'PUT',
    path: '/api/v1/centers/:center/statistics/weights',
    levels: ['province'],
    roles: ['admin'],
    scope: 'own',
    summary: '设定各采用级别的积分（重算当月积分）',
  },

  {
    action: 'deadLetters.list',
    method: 'GET',
    path: '/api/v1/centers/:center/dead-letters',
    levels: ALL_LEVELS,
    roles: ['admin'],
    scope: 'own',
    summary: '死信列表（无法处理的消息及原因）',
  },
  {
    action: 'deadLetters.replay',
    method: 'POST',
    path: '/api/v1/centers/:center/dead-letters/:id/replay',
    levels: ALL_LEVELS,
    roles: ['admin'],
    scope: 'own',
    summary: '重放一条死信',
  },

  {
    action: 'deliveries.list',
    method: 'GET',
    path: '/api/v1/centers/:center/deliveries',
    levels: ALL_LEVELS,
    roles: ['editor', 'chief-editor', 'curator', 'desk-editor', 'admin'],
    scope: 'own',
    summary: '送达台账：本中心送出的稿件、更正、撤稿及各中心回执',
  },
  {
    action: 'deliveries.get',
    method: 'GET',
    path: '/api/v1/centers/:center/deliveries/:storyId',
    levels: ALL_LEVELS,
    roles: ['reporter', 'editor', 'chief-editor', 'curator', 'desk-editor', 'admin'],
    scope: 'own',
    summary: '一篇稿件的所有副本：哪些中心已确认、哪些待确认',
  },
  {
    action: 'deliveries.overdueCheck',
    method: 'POST',
    path: '/api/v1/centers/:center/deliveries/overdue-check',
    levels: ALL_LEVELS,
    roles: ['admin'],
    scope: 'own',
    summary: '立即检查超时未回执的送达（也定时运行）',
  },
  {
    action: 'reconciliation.run',
    method: 'POST',
    path: '/api/v1/centers/:center/reconciliation/run',
    levels: ALL_LEVELS,
    roles: ['admin'],
    scope: 'own',
    summary: '与上级中心对账，补发对方缺少的稿件',
  },

  {
    action: 'users.list',
    method: 'GET',
    path: '/api/v1/centers/:center/users',
    levels: ALL_LEVELS,
    roles: ['admin'],
    scope: 'own-or-below',
    summary: '本中心或下级中心的用户列表',
  },
  {
    action: 'users.create',
    method: 'POST',
    path: '/api/v1/centers/:center/users',
    levels: ALL_LEVELS,
    roles: ['admin'],
    scope: 'own-or-below',
    summary: '为本中心或下级中心建用户',
  },
  {
    action: 'users.update',
    method: 'PATCH',
    path: '/api/v1/centers/:center/users/:userId',
    levels: ALL_LEVELS,
    roles: ['admin'],
    scope: 'own-or-below',
    summary: '改用户的名称、角色，停用或启用（立即生效）',
  },
  {
    action: 'users.setPassword',
    method: 'POST',
    path: '/api/v1/centers/:center/users/:userId/password',
    levels: ALL_LEVELS,
    roles: ['admin'],
    scope: 'own-or-below',
    summary: '重设用户密码（作废其刷新令牌与此前的访问令牌）',
  },

  // ---- search & near-duplicates (issue 3 search, issue 5 province-scope search) ----
  {
    action: 'pool.search',
    method: 'GET',
    path: '/api/v1/centers/:center/pool/search',
    levels: HUBS,
    roles: ['curator', 'desk-editor', 'chief-editor', 'editor', 'admin'],
    scope: 'own',
    summary: '大稿库检索：中文分词全文检索，按相关度排序、高亮；scope=queue 检索审核队列（仅审核队列的读者）',
  },
  {
    action: 'review.family',
    method: 'GET',
    path: '/api/v1/centers/:center/review-queue/:storyId/family',
    levels: HUBS,
    roles: ['curator', 'desk-editor', 'chief-editor', 'admin'],
    scope: 'own',
    summary: '同题稿件：与一篇待审稿件近似重复的稿件（待审或已入库），并排对照',
  },
  {
    action: 'review.merge',
    method: 'POST',
    path: '/api/v1/centers/:center/review-queue/:storyId/merge',
    levels: HUBS,
    roles: ['curator', 'desk-editor', 'admin'],
    scope: 'own',
    summary: '合并同题稿件：一篇入库并署上所有作者，其余以“已合并到《…》”退稿',
  },
  {
    action: 'sharedPool.search',
    method: 'GET',
    path: '/api/v1/centers/:center/shared-pool/search',
    levels: AUTHORS,
    roles: WRITERS,
    scope: 'own',
    summary: '检索上级大稿库（经 gRPC），按相关度排序、高亮',
  },
  {
    action: 'media.upload',
    method: 'POST',
    path: '/api/v1/centers/:center/media',
    levels: ALL_LEVELS,
    roles: MEDIA_UPLOADERS,
    scope: 'own',
    summary: '上传图片或文档（一次请求；按文件内容识别类型，图片上限 30 MB）',
  },
  {
    action: 'media.uploadStart',
    method: 'POST',
    path: '/api/v1/centers/:center/media/uploads',
    levels: ALL_LEVELS,
    roles: MEDIA_UPLOADERS,
    scope: 'own',
    summary: '开始断点续传上传（tus，视频、音频，视频上限 4 GB）',
  },
  {
    action: 'media.uploadAppend',
    method: 'PATCH',
    path: '/api/v1/centers/:center/media/uploads/:id',
    levels: ALL_LEVELS,
    roles: MEDIA_UPLOADERS,
    scope: 'own',
    summary: '续传：从已收到的位置继续上传',
  },
  {
    action: 'media.uploadOffset',
    method: 'HEAD',
    path: '/api/v1/centers/:center/media/uploads/:id',
    levels: ALL_LEVELS,
    roles: MEDIA_UPLOADERS,
    scope: 'own',
    summary: '查询续传位置（断线后从这里继续）',
  },
  {
    action: 'media.get',
    method: 'GET',
    path: '/api/v1/centers/:center/media/:sha256',
    levels: ALL_LEVELS,
    roles: ROLES,
    scope: 'own',
    summary: '查看一个媒体：类型、大小、处理进度、各尺寸版本与短时有效的访问链接（禁发期内仅稿源与其上级可见）',
  },
  {
    action: 'media.ofStory',
    method: 'GET',
    path: '/api/v1/centers/:center/stories/:id/media',
    levels: ALL_LEVELS,
    roles: ROLES,
    scope: 'own',
    summary: '一篇稿件在本中心的媒体库：已到达、处理中或传输中',
  },
  {
    action: 'index.search',
    method: 'GET',
    path: '/api/v1/centers/:center/index/search',
    levels: ['province'],
    roles: ['desk-editor', 'chief-editor', 'admin'],
    scope: 'own',
    summary: '省级检索：全省各大稿库稿件的中文全文检索',
  },
];

const byRoute = new Map(ACCESS_MATRIX.map((r) => [routeKey(r.method, r.path), r]));

export function routeKey(method: string, path: string): string {
  return `${method.toUpperCase()} ${path}`;
}

/** The rule of a registered route, or undefined for routes outside the matrix (health, docs). */
export function accessRuleFor(method: string, path: string): AccessRule | undefined {
  return byRoute.get(routeKey(method, path));
}

/**
 * The actions a role may call at a center of `level`: what the desk shows or hides. Derived from
 * the matrix itself so the desk never needs a second table of permissions.
 */
export function actionsFor(role: Role, level: CenterLevel): string[] {
  return ACCESS_MATRIX.filter((r) => r.scope !== 'public' && r.levels.includes(level) && r.roles.includes(role)).map((r) => r.action);
}
