import { ACCESS_MATRIX, AccessRule, DeskTokenService, Role, ROLES } from '@syn/auth';
import type { AppEnv } from '@syn/config';
import type { CenterLevel } from '@syn/network';
import { NatsServerProcess, TestNetwork } from '@syn/testing';
import request from 'supertest';
import { storyInput } from '../support/http';
import { SseClient } from '../support/sse';

/**
 * Generated from ACCESS_MATRIX (the structure docs/roles.md is rendered from): every endpoint, as
 * every role, for its own center, a foreign center of the same level and a child center, expecting
 * the documented answer. The expectation is worked out here from the matrix's data, not by the
 * guard's code, so a guard that drifts from the matrix fails.
 */
type Relation = 'own' | 'foreign' | 'child';

const NOBODY = '01890000-0000-7000-8000-00000000abcd';
let seq = 0;

/**
 * A request that passes validation and reaches the handler, and the status it then answers.
 * `stream`: a Server-Sent Events endpoint, whose status is read and whose stream is then closed.
 */
const PROBES: Record<
  string,
  (center: string) => { method: 'get' | 'head' | 'post' | 'patch' | 'put'; path: string; body?: object; ok: number; stream?: true }
> = {
  'auth.login': (c) => ({ method: 'post', path: '/api/v1/auth/login', body: { center: c, username: 'nobody', password: 'not-the-password' }, ok: 401 }),
  'auth.refresh': () => ({ method: 'post', path: '/api/v1/auth/refresh', body: { refreshToken: `${NOBODY}.nothing` }, ok: 401 }),
  'auth.logout': () => ({ method: 'post', path: '/api/v1/auth/logout', body: { refreshToken: `${NOBODY}.nothing` }, ok: 204 }),
  'auth.me': () => ({ method: 'get', path: '/api/v1/auth/me', ok: 200 }),
  'desk.centers': () => ({ method: 'get', path: '/api/v1/desk/centers', ok: 200 }),
  'story.list': (c) => ({ method: 'get', path: `/api/v1/centers/${c}/stories`, ok: 200 }),
  'story.get': (c) => ({ method: 'get', path: `/api/v1/centers/${c}/stories/${NOBODY}`, ok: 404 }),
  'story.create': (c) => ({ method: 'post', path: `/api/v1/centers/${c}/stories`, body: storyInput(), ok: 201 }),
  'story.update': (c) => ({ method: 'patch', path: `/api/v1/centers/${c}/stories/${NOBODY}`, body: { title: '改标题' }, ok: 404 }),
  'story.submit': (c) => ({ method: 'post', path: `/api/v1/centers/${c}/stories/${NOBODY}/submit`, ok: 404 }),
  'story.versions': (c) => ({ method: 'get', path: `/api/v1/centers/${c}/stories/${NOBODY}/versions`, ok: 404 }),
  'story.version': (c) => ({ method: 'get', path: `/api/v1/centers/${c}/stories/${NOBODY}/versions/1`, ok: 404 }),
  'story.audit': (c) => ({ method: 'get', path: `/api/v1/centers/${c}/stories/${NOBODY}/audit`, ok: 404 }),
  'story.correct': (c) => ({
    method: 'post',
    path: `/api/v1/centers/${c}/stories/${NOBODY}/corrections`,
    body: { title: '更正后的标题', note: '更正：标题有误' },
    ok: 404,
  }),
  'story.withdraw': (c) => ({ method: 'post', path: `/api/v1/centers/${c}/stories/${NOBODY}/withdrawal`, body: { reason: '稿件涉及未核实信息' }, ok: 404 }),
  'countyReview.sign': (c) => ({ method: 'post', path: `/api/v1/centers/${c}/stories/${NOBODY}/review/advance`, body: { step: 'first' }, ok: 404 }),
  'countyReview.sendBack': (c) => ({
    method: 'post',
    path: `/api/v1/centers/${c}/stories/${NOBODY}/review/send-back`,
    body: { reason: '请补充信源' },
    ok: 404,
  }),
  'countyReview.policy': (c) => ({ method: 'get', path: `/api/v1/centers/${c}/review-policy`, ok: 200 }),
  // Sets the default (3 steps): the answer is the probe, the policy stays as it was.
  'countyReview.setPolicy': (c) => ({ method: 'put', path: `/api/v1/centers/${c}/review-policy`, body: { steps: 3 }, ok: 200 }),
  'sharedPool.list': (c) => ({ method: 'get', path: `/api/v1/centers/${c}/shared-pool`, ok: 200 }),
  'sharedPool.get': (c) => ({ method: 'get', path: `/api/v1/centers/${c}/shared-pool/${NOBODY}`, ok: 404 }),
  'sharedPool.republish': (c) => ({ method: 'post', path: `/api/v1/centers/${c}/shared-pool/${NOBODY}/republish`, body: { channel: '客户端' }, ok: 404 }),
  'sharedPool.republished': (c) => ({ method: 'get', path: `/api/v1/centers/${c}/republished`, ok: 200 }),
  'topicInbox.list': (c) => ({ method: 'get', path: `/api/v1/centers/${c}/topic-inbox`, ok: 200 }),
  'releaseInbox.list': (c) => ({ method: 'get', path: `/api/v1/centers/${c}/release-inbox`, ok: 200 }),
  'releaseInbox.get': (c) => ({ method: 'get', path: `/api/v1/centers/${c}/release-inbox/${NOBODY}`, ok: 404 }),
  'releaseInbox.republish': (c) => ({ method: 'post', path: `/api/v1/centers/${c}/release-inbox/${NOBODY}/republish`, ok: 404 }),
  'adoptionFeedback.list': (c) => ({ method: 'get', path: `/api/v1/centers/${c}/adoption-feedback`, ok: 200 }),
  'review.list': (c) => ({ method: 'get', path: `/api/v1/centers/${c}/review-queue`, ok: 200 }),
  'review.get': (c) => ({ method: 'get', path: `/api/v1/centers/${c}/review-queue/${NOBODY}`, ok: 404 }),
  'review.decide': (c) => ({ method: 'post', path: `/api/v1/centers/${c}/review-queue/${NOBODY}/decision`, body: { decision: 'accept' }, ok: 404 }),
  'review.claim': (c) => ({ method: 'post', path: `/api/v1/centers/${c}/review-queue/${NOBODY}/claim`, ok: 404 }),
  'review.release': (c) => ({ method: 'post', path: `/api/v1/centers/${c}/review-queue/${NOBODY}/release`, ok: 404 }),
  'review.audit': (c) => ({ method: 'get', path: `/api/v1/centers/${c}/review-queue/${NOBODY}/audit`, ok: 404 }),
  'pool.list': (c) => ({ method: 'get', path: `/api/v1/centers/${c}/pool`, ok: 200 }),
  'pool.get': (c) => ({ method: 'get', path: `/api/v1/centers/${c}/pool/${NOBODY}`, ok: 404 }),
  'pool.edit': (c) => ({ method: 'patch', path: `/api/v1/centers/${c}/pool/${NOBODY}`, body: { title: '改标题' }, ok: 404 }),
  'pool.audit': (c) => ({ method: 'get', path: `/api/v1/centers/${c}/pool/${NOBODY}/audit`, ok: 404 }),
  // A province has no parent to recommend to: its hub answers 422 before looking for the story.
  'pool.recommend': (c) => ({
    method: 'post',
    path: `/api/v1/centers/${c}/pool/${NOBODY}/recommend`,
    body: { note: '建议省级平台选用' },
    ok: LEVEL_OF[c] === 'province' ? 422 : 404,
  }),
  'index.list': (c) => ({ method: 'get', path: `/api/v1/centers/${c}/index`, ok: 200 }),
  'index.open': (c) => ({ method: 'get', path: `/api/v1/centers/${c}/index/${NOBODY}`, ok: 404 }),
  'liveFeed.watch': (c) => ({ method: 'get', path: `/api/v1/centers/${c}/live-feed`, ok: 200, stream: true }),
  'adoption.adopt': (c) => ({ method: 'post', path: `/api/v1/centers/${c}/adoptions`, body: { storyId: NOBODY, channels: ['客户端'] }, ok: 404 }),
  'adoption.list': (c) => ({ method: 'get', path: `/api/v1/centers/${c}/adoptions`, ok: 200 }),
  'audit.center': (c) => ({ method: 'get', path: `/api/v1/centers/${c}/audit`, ok: 200 }),
  'adoption.takenDown': (c) => ({ method: 'post', path: `/api/v1/centers/${c}/adoptions/${NOBODY}/taken-down`, ok: 404 }),
  // A real topic to every child (no probe here reads an inbox's contents).
  'topics.issue': (c) => ({
    method: 'post',
    path: `/api/v1/centers/${c}/topics`,
    body: { title: '探针选题', brief: '授权探针', deadline: '2030-01-01T00:00:00+08:00' },
    ok: 201,
  }),
  'topics.list': (c) => ({ method: 'get', path: `/api/v1/centers/${c}/topics`, ok: 200 }),
  'topics.get': (c) => ({ method: 'get', path: `/api/v1/centers/${c}/topics/${NOBODY}`, ok: 404 }),
  'distribution.targets': (c) => ({ method: 'get', path: `/api/v1/centers/${c}/targets`, ok: 200 }),
  'releases.issue': (c) => ({ method: 'post', path: `/api/v1/centers/${c}/releases`, body: { storyId: NOBODY }, ok: 404 }),
  'releases.list': (c) => ({ method: 'get', path: `/api/v1/centers/${c}/releases`, ok: 200 }),
  'releases.get': (c) => ({ method: 'get', path: `/api/v1/centers/${c}/releases/${NOBODY}`, ok: 404 }),
  'releases.correct': (c) => ({ method: 'post', path: `/api/v1/centers/${c}/releases/${NOBODY}/corrections`, body: { title: '更正后的标题' }, ok: 404 }),
  'releases.withdraw': (c) => ({ method: 'post', path: `/api/v1/centers/${c}/releases/${NOBODY}/withdraw`, body: { reason: '数据有误' }, ok: 404 }),
  'statistics.monthly': (c) => ({ method: 'get', path: `/api/v1/centers/${c}/statistics/monthly`, ok: 200 }),
  'statistics.monthlyCsv': (c) => ({ method: 'get', path: `/api/v1/centers/${c}/statistics/monthly.csv`, ok: 200 }),
  'statistics.ledger': (c) => ({ method: 'get', path: `/api/v1/centers/${c}/statistics/ledger`, ok: 200 }),
  'statistics.weights': (c) => ({ method: 'get', path: `/api/v1/centers/${c}/statistics/weights`, ok: 200 }),
  // The defaults (3 / 2 / 1): the answer is the probe, the points stay as they were.
  'statistics.setWeights': (c) => ({ method: 'put', path: `/api/v1/centers/${c}/statistics/weights`, body: { province: 3, city: 2, republish: 1 }, ok: 200 }),
  'deadLetters.list': (c) => ({ method: 'get', path: `/api/v1/centers/${c}/dead-letters`, ok: 200 }),
  'deadLetters.replay': (c) => ({ method: 'post', path: `/api/v1/centers/${c}/dead-letters/999999999/replay`, ok: 404 }),
  'deliveries.list': (c) => ({ method: 'get', path: `/api/v1/centers/${c}/deliveries`, ok: 200 }),
  'deliveries.get': (c) => ({ method: 'get', path: `/api/v1/centers/${c}/deliveries/${NOBODY}`, ok: 200 }),
  'deliveries.overdueCheck': (c) => ({ method: 'post', path: `/api/v1/centers/${c}/deliveries/overdue-check`, ok: 200 }),
  // A province has no parent to reconcile with.
  'reconciliation.run': (c) => ({ method: 'post', path: `/api/v1/centers/${c}/reconciliation/run`, ok: LEVEL_OF[c] === 'province' ? 422 : 200 }),
  'users.list': (c) => ({ method: 'get', path: `/api/v1/centers/${c}/users`, ok: 200 }),
  'users.create': (c) => ({
    method: 'post',
    path: `/api/v1/centers/${c}/users`,
    body: { username: `probe-${++seq}`, displayName: '探针用户', role: 'reporter', password: 'probe-password-1' },
    ok: 201,
  }),
  'users.update': (c) => ({ method: 'patch', path: `/api/v1/centers/${c}/users/${NOBODY}`, body: { displayName: '改名' }, ok: 404 }),
  'users.setPassword': (c) => ({ method: 'post', path: `/api/v1/centers/${c}/users/${NOBODY}/password`, body: { password: 'another-password-2' }, ok: 404 }),
  // search & near-duplicates
  'pool.search': (c) => ({ method: 'get', path: `/api/v1/centers/${c}/pool/search?q=${encodeURIComponent('媒体融合')}`, ok: 200 }),
  'review.family': (c) => ({ method: 'get', path: `/api/v1/centers/${c}/review-queue/${NOBODY}/family`, ok: 404 }),
  'review.merge': (c) => ({
    method: 'post',
    path: `/api/v1/centers/${c}/review-queue/${NOBODY}/merge`,
    body: { members: ['01890000-0000-7000-8000-00000000abce'] },
    ok: 404,
  }),
  'sharedPool.search': (c) => ({ method: 'get', path: `/api/v1/centers/${c}/shared-pool/search?q=${encodeURIComponent('媒体融合')}`, ok: 200 }),
  'index.search': (c) => ({ method: 'get', path: `/api/v1/centers/${c}/index/search?q=${encodeURIComponent('媒体融合')}`, ok: 200 }),
  // media: no file, no tus headers, nothing by these names: the handler's own answers.
  'media.upload': (c) => ({ method: 'post', path: `/api/v1/centers/${c}/media`, ok: 400 }),
  'media.uploadStart': (c) => ({ method: 'post', path: `/api/v1/centers/${c}/media/uploads`, ok: 412 }),
  'media.uploadAppend': (c) => ({ method: 'patch', path: `/api/v1/centers/${c}/media/uploads/${c}-nothing`, ok: 412 }),
  'media.uploadOffset': (c) => ({ method: 'head', path: `/api/v1/centers/${c}/media/uploads/${c}-nothing`, ok: 412 }),
  'media.get': (c) => ({ method: 'get', path: `/api/v1/centers/${c}/media/${'0'.repeat(64)}`, ok: 404 }),
  'media.ofStory': (c) => ({ method: 'get', path: `/api/v1/centers/${c}/stories/${NOBODY}/media`, ok: 200 }),
};

/** Per level: the caller's own center, a foreign one of the same level, and a child (none for a county). */
const CENTERS: Record<CenterLevel, Record<Relation, string | null>> = {
  county: { own: '360702', foreign: '360703', child: null },
  city: { own: '360700', foreign: '360100', child: '360702' },
  province: { own: '360000', foreign: '460000', child: '360700' },
};
const LEVEL_OF: Record<string, CenterLevel> = {
  '360702': 'county',
  '360703': 'county',
  '360700': 'city',
  '360100': 'city',
  '360000': 'province',
  '460000': 'province',
};

/** The documented answer, from the matrix's data alone. */
function expected(rule: AccessRule, role: Role, relation: Relation, ok: number): number {
  if (rule.scope === 'public') return ok;
  if (rule.scope === 'own' && relation !== 'own') return 403;
  if (rule.scope === 'own-or-below' && relation === 'foreign') return 403;
  return rule.roles.includes(role) ? ok : 403;
}

describe('authorization matrix: every endpoint × every role × own, foreign and child center', () => {
  let nats: NatsServerProcess;
  let net: TestNetwork;

  beforeAll(async () => {
    nats = await NatsServerProcess.start();
    net = await TestNetwork.start({
      natsUrl: nats.url,
      apps: [
        { kind: 'province', centers: ['360000', '460000'] },
        { kind: 'city', centers: ['360700'] },
        { kind: 'city', centers: ['360100'] },
        { kind: 'county', centers: ['360702', '360703'] },
      ],
    });
  }, 120_000);

  afterAll(async () => {
    await net?.stop();
    await nats?.stop();
  });

  const call = async (center: string, probe: ReturnType<(typeof PROBES)[string]>, token?: string): Promise<{ status: number }> => {
    if (probe.stream) {
      // The stream stays open once allowed: take the status and hang up.
      const feed = await SseClient.open(`${net.app(center).http}${probe.path}`, token === undefined ? {} : { authorization: `Bearer ${token}` });
      feed.close();
      return { status: feed.status };
    }
    const once = () => {
      let r = request(net.app(center).http)[probe.method](probe.path);
      if (token !== undefined) r = r.set('authorization', `Bearer ${token}`);
      return probe.body ? r.send(probe.body) : r;
    };
    // A read the county answers from its hub says 502 when the hub did not answer within its
    // deadline (a loaded test machine): that is no answer about access, so a read is asked again.
    // A write is never repeated.
    for (let attempt = 1; ; attempt++) {
      const r = await once();
      if (probe.method !== 'get' || r.status !== 502 || attempt === 3) return r;
    }
  };

  it('has a probe for every action in the matrix', () => {
    expect(Object.keys(PROBES).sort()).toEqual(ACCESS_MATRIX.map((r) => r.action).sort());
  });

  for (const level of ['county', 'city', 'province'] as const) {
    describe(`${level} level`, () => {
      const own = CENTERS[level].own!;
      for (const rule of ACCESS_MATRIX.filter((r) => r.levels.includes(level))) {
        const relations: Relation[] = rule.scope === 'public' || rule.scope === 'authenticated' ? ['own'] : ['own', 'foreign', 'child'];
        for (const relation of relations) {
          const target = CENTERS[level][relation];
          // A child is tested where the action exists at the child's level too.
          if (!target || !rule.levels.includes(LEVEL_OF[target]!)) continue;
          it(`${rule.action} (${rule.method} ${rule.path}), ${relation} center`, async () => {
            const answers: Record<string, number> = {};
            const wanted: Record<string, number> = {};
            await Promise.all(
              ROLES.map(async (role) => {
                const probe = PROBES[rule.action]!(target);
                answers[role] = (await call(target, probe, net.token(own, role))).status;
                wanted[role] = expected(rule, role, relation, probe.ok);
              }),
            );
            expect(answers).toEqual(wanted);
          });
        }
      }

      it('without a token, or with a forged one, every non-public endpoint answers 401', async () => {
        const forged = new DeskTokenService({ AUTH_TOKEN_SECRET: 'not-the-deployment-secret-000000000000' } as AppEnv).sign({
          userId: 'x',
          name: 'x',
          role: 'admin',
          center: own,
        });
        const answers: Record<string, number[]> = {};
        for (const rule of ACCESS_MATRIX.filter((r) => r.levels.includes(level) && r.scope !== 'public')) {
          const probe = PROBES[rule.action]!(own);
          answers[rule.action] = [(await call(own, probe)).status, (await call(own, probe, forged)).status];
        }
        expect(Object.values(answers).every(([a, b]) => a === 401 && b === 401)).toBe(true);
        expect(Object.keys(answers).length).toBeGreaterThan(5);
      });
    });
  }

  it('every /api route each app serves is in the matrix at that app’s level, and nothing in the matrix is missing', async () => {
    for (const center of ['360702', '360700', '360000']) {
      const level = LEVEL_OF[center]!;
      const docs = await request(net.app(center).http).get('/docs-json').expect(200);
      const served = Object.entries(docs.body.paths as Record<string, Record<string, unknown>>)
        .filter(([path]) => path.startsWith('/api/'))
        .flatMap(([path, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`))
        .sort();
      const listed = ACCESS_MATRIX.filter((r) => r.levels.includes(level))
        .map((r) => `${r.method} ${r.path}`)
        .sort();
      expect({ level, routes: served }).toEqual({ level, routes: listed });
    }
  });

  it('a foreign or unserved center is never leaked: a county’s token at its sibling’s drafts is 403, a center not hosted here is 404', async () => {
    const editor = net.token('360702', 'editor');
    const draft = await request(net.app('360702').http)
      .post('/api/v1/centers/360702/stories')
      .set('authorization', `Bearer ${editor}`)
      .send(storyInput())
      .expect(201);
    const sibling = net.token('360703', 'admin');
    const r = await request(net.app('360702').http)
      .get(`/api/v1/centers/360702/stories/${draft.body.id}`)
      .set('authorization', `Bearer ${sibling}`)
      .expect(403);
    expect(JSON.stringify(r.body)).not.toContain(storyInput().title);
    // 360702's own token, at an app that does not host 360702.
    await request(net.app('360700').http).get('/api/v1/centers/360702/stories').set('authorization', `Bearer ${editor}`).expect(404);
  });

  it('answers carry security headers and are not cacheable', async () => {
    const r = await request(net.app('360702').http)
      .get('/api/v1/centers/360702/stories')
      .set('authorization', `Bearer ${net.token('360702', 'editor')}`)
      .expect(200);
    expect(r.headers).toMatchObject({
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'SAMEORIGIN',
      'strict-transport-security': expect.stringContaining('max-age='),
      'content-security-policy': expect.stringContaining("default-src 'self'"),
    });
    expect(r.headers['x-powered-by']).toBeUndefined();
  });
});
