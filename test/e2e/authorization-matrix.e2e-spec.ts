import { ACCESS_MATRIX, AccessRule, DeskTokenService, Role, ROLES } from '@syn/auth';
import type { AppEnv } from '@syn/config';
import type { CenterLevel } from '@syn/network';
import { NatsServerProcess, TestNetwork } from '@syn/testing';
import request from 'supertest';
import { storyInput } from '../support/http';

/**
 * Generated from ACCESS_MATRIX (the structure docs/roles.md is rendered from): every endpoint, as
 * every role, for its own center, a foreign center of the same level and a child center, expecting
 * the documented answer. The expectation is worked out here from the matrix's data, not by the
 * guard's code, so a guard that drifts from the matrix fails.
 */
type Relation = 'own' | 'foreign' | 'child';

const NOBODY = '01890000-0000-7000-8000-00000000abcd';
let seq = 0;

/** A request that passes validation and reaches the handler, and the status it then answers. */
const PROBES: Record<string, (center: string) => { method: 'get' | 'post' | 'patch'; path: string; body?: object; ok: number }> = {
  'auth.login': (c) => ({ method: 'post', path: '/api/v1/auth/login', body: { center: c, username: 'nobody', password: 'not-the-password' }, ok: 401 }),
  'auth.refresh': () => ({ method: 'post', path: '/api/v1/auth/refresh', body: { refreshToken: `${NOBODY}.nothing` }, ok: 401 }),
  'auth.logout': () => ({ method: 'post', path: '/api/v1/auth/logout', body: { refreshToken: `${NOBODY}.nothing` }, ok: 204 }),
  'auth.me': () => ({ method: 'get', path: '/api/v1/auth/me', ok: 200 }),
  'story.list': (c) => ({ method: 'get', path: `/api/v1/centers/${c}/stories`, ok: 200 }),
  'story.get': (c) => ({ method: 'get', path: `/api/v1/centers/${c}/stories/${NOBODY}`, ok: 404 }),
  'story.create': (c) => ({ method: 'post', path: `/api/v1/centers/${c}/stories`, body: storyInput(), ok: 201 }),
  'story.update': (c) => ({ method: 'patch', path: `/api/v1/centers/${c}/stories/${NOBODY}`, body: { title: '改标题' }, ok: 404 }),
  'story.submit': (c) => ({ method: 'post', path: `/api/v1/centers/${c}/stories/${NOBODY}/submit`, ok: 404 }),
  'review.list': (c) => ({ method: 'get', path: `/api/v1/centers/${c}/review-queue`, ok: 200 }),
  'review.decide': (c) => ({ method: 'post', path: `/api/v1/centers/${c}/review-queue/${NOBODY}/decision`, body: { decision: 'accept' }, ok: 404 }),
  'pool.list': (c) => ({ method: 'get', path: `/api/v1/centers/${c}/pool`, ok: 200 }),
  'pool.get': (c) => ({ method: 'get', path: `/api/v1/centers/${c}/pool/${NOBODY}`, ok: 404 }),
  'index.list': (c) => ({ method: 'get', path: `/api/v1/centers/${c}/index`, ok: 200 }),
  'index.open': (c) => ({ method: 'get', path: `/api/v1/centers/${c}/index/${NOBODY}`, ok: 404 }),
  'deadLetters.list': (c) => ({ method: 'get', path: `/api/v1/centers/${c}/dead-letters`, ok: 200 }),
  'deadLetters.replay': (c) => ({ method: 'post', path: `/api/v1/centers/${c}/dead-letters/999999999/replay`, ok: 404 }),
  'users.list': (c) => ({ method: 'get', path: `/api/v1/centers/${c}/users`, ok: 200 }),
  'users.create': (c) => ({ method: 'post', path: `/api/v1/centers/${c}/users`, body: { username: `probe-${++seq}`, displayName: '探针用户', role: 'reporter', password: 'probe-password-1' }, ok: 201 }),
  'users.update': (c) => ({ method: 'patch', path: `/api/v1/centers/${c}/users/${NOBODY}`, body: { displayName: '改名' }, ok: 404 }),
  'users.setPassword': (c) => ({ method: 'post', path: `/api/v1/centers/${c}/users/${NOBODY}/password`, body: { password: 'another-password-2' }, ok: 404 }),
  // search & near-duplicates
  'pool.search': (c) => ({ method: 'get', path: `/api/v1/centers/${c}/pool/search?q=${encodeURIComponent('媒体融合')}`, ok: 200 }),
  'review.family': (c) => ({ method: 'get', path: `/api/v1/centers/${c}/review-queue/${NOBODY}/family`, ok: 404 }),
  'review.merge': (c) => ({ method: 'post', path: `/api/v1/centers/${c}/review-queue/${NOBODY}/merge`, body: { members: ['01890000-0000-7000-8000-00000000abce'] }, ok: 404 }),
  'sharedPool.search': (c) => ({ method: 'get', path: `/api/v1/centers/${c}/shared-pool/search?q=${encodeURIComponent('媒体融合')}`, ok: 200 }),
  'index.search': (c) => ({ method: 'get', path: `/api/v1/centers/${c}/index/search?q=${encodeURIComponent('媒体融合')}`, ok: 200 }),
};

/** Per level: the caller's own center, a foreign one of the same level, and a child (none for a county). */
const CENTERS: Record<CenterLevel, Record<Relation, string | null>> = {
  county: { own: '360702', foreign: '360703', child: null },
  city: { own: '360700', foreign: '360100', child: '360702' },
  province: { own: '360000', foreign: '460000', child: '360700' },
};
const LEVEL_OF: Record<string, CenterLevel> = { '360702': 'county', '360703': 'county', '360700': 'city', '360100': 'city', '360000': 'province', '460000': 'province' };

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

  const call = (center: string, probe: ReturnType<(typeof PROBES)[string]>, token?: string) => {
    let r = request(net.app(center).http)[probe.method](probe.path);
    if (token !== undefined) r = r.set('authorization', `Bearer ${token}`);
    return probe.body ? r.send(probe.body) : r;
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
        const forged = new DeskTokenService({ AUTH_TOKEN_SECRET: 'not-the-deployment-secret-000000000000' } as AppEnv).sign({ userId: 'x', name: 'x', role: 'admin', center: own });
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
      const listed = ACCESS_MATRIX.filter((r) => r.levels.includes(level)).map((r) => `${r.method} ${r.path}`).sort();
      expect({ level, routes: served }).toEqual({ level, routes: listed });
    }
  });

  it('a foreign or unserved center is never leaked: a county’s token at its sibling’s drafts is 403, a center not hosted here is 404', async () => {
    const editor = net.token('360702', 'editor');
    const draft = await request(net.app('360702').http).post('/api/v1/centers/360702/stories').set('authorization', `Bearer ${editor}`).send(storyInput()).expect(201);
    const sibling = net.token('360703', 'admin');
    const r = await request(net.app('360702').http).get(`/api/v1/centers/360702/stories/${draft.body.id}`).set('authorization', `Bearer ${sibling}`).expect(403);
    expect(JSON.stringify(r.body)).not.toContain(storyInput().title);
    // 360702's own token, at an app that does not host 360702.
    await request(net.app('360700').http).get('/api/v1/centers/360702/stories').set('authorization', `Bearer ${editor}`).expect(404);
  });

  it('answers carry security headers and are not cacheable', async () => {
    const r = await request(net.app('360702').http).get('/api/v1/centers/360702/stories').set('authorization', `Bearer ${net.token('360702', 'editor')}`).expect(200);
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
