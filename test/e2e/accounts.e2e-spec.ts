import { eventually, NatsServerProcess, TEST_AUTH_SECRET, TEST_GRPC_SECRET, TestNetwork } from '@syn/testing';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { as, storyInput } from '../support/http';

const SEED = {
  users: [
    { center: '360702', username: 'zg-admin', displayName: '章贡管理员', role: 'admin', password: 'zg-admin-Passw0rd' },
    { center: '360703', username: 'nk-admin', displayName: '南康管理员', role: 'admin', password: 'nk-admin-Passw0rd' },
    { center: '360700', username: 'gz-admin', displayName: '赣州管理员', role: 'admin', password: 'gz-admin-Passw0rd' },
    { center: '360703', username: 'nk-reporter', displayName: '南康记者', role: 'reporter', password: 'nk-reporter-Passw0rd' },
  ],
};
const EDITOR_PASSWORD = 'liumin-Desk-2025';
const NEW_PASSWORD = 'liumin-New-Desk-2026';
const LOGINS_PER_MINUTE = 10;

/**
 * Accounts: seeded at first boot, password login with short access tokens and rotating refresh
 * tokens, admins managing their own and their children's users, disabling that bites on the next
 * request, rate limits on login and submission, and no secret in any log line.
 */
describe('accounts, sessions and user management', () => {
  let nats: NatsServerProcess;
  let net: TestNetwork;
  const login = (center: string, username: string, password: string) =>
    request(net.app(center).http).post('/api/v1/auth/login').send({ center, username, password });
  const issued: string[] = [];
  const session = async (center: string, username: string, password: string) => {
    const r = await login(center, username, password).expect(200);
    issued.push(r.body.accessToken, r.body.refreshToken);
    return r.body as { accessToken: string; refreshToken: string; user: { id: string } };
  };

  beforeAll(async () => {
    const seedFile = join(mkdtempSync(join(tmpdir(), 'syn-seed-')), 'users.json');
    writeFileSync(seedFile, JSON.stringify(SEED));
    nats = await NatsServerProcess.start();
    net = await TestNetwork.start({
      natsUrl: nats.url,
      env: { SEED_USERS_FILE: seedFile, RATE_LOGIN_PER_USER_PER_MINUTE: String(LOGINS_PER_MINUTE), RATE_SUBMIT_PER_USER_PER_MINUTE: '3' },
      apps: [
        { kind: 'city', centers: ['360700'] },
        { kind: 'county', centers: ['360702', '360703'] },
      ],
    });
  }, 120_000);

  afterAll(async () => {
    await net?.stop();
    await nats?.stop();
  });

  it('a seeded admin signs in; the access token speaks for the account and the refresh token rotates', async () => {
    const s = await session('360702', 'zg-admin', SEED.users[0]!.password);
    const me = await as(net.app('360702').http, s.accessToken).get('/api/v1/auth/me').expect(200);
    expect(me.body).toMatchObject({ userId: s.user.id, role: 'admin', roleLabel: '管理员', center: '360702', kind: 'account' });
    // The desk shows and hides by these: the center's place in the tree and the matrix's actions for the role there.
    expect(me.body.centerInfo).toEqual({ code: '360702', name: '章贡区融媒体中心', level: 'county', parent: '360700' });
    expect(me.body.actions).toEqual(expect.arrayContaining(['auth.me', 'users.create', 'countyReview.setPolicy', 'story.submit']));
    expect(me.body.actions).not.toContain('review.decide');
    expect(me.body.actions).not.toContain('auth.login');

    const next = await request(net.app('360702').http).post('/api/v1/auth/refresh').send({ refreshToken: s.refreshToken }).expect(200);
    issued.push(next.body.accessToken, next.body.refreshToken);
    expect(next.body.refreshToken).not.toBe(s.refreshToken);
    await as(net.app('360702').http, next.body.accessToken).get('/api/v1/centers/360702/users').expect(200);
    // The used token again at once, its successor unused: a reload lost the answer, so the desk gets a session, not a sign-out.
    const retried = await request(net.app('360702').http).post('/api/v1/auth/refresh').send({ refreshToken: s.refreshToken }).expect(200);
    expect(retried.body.refreshToken).not.toBe(next.body.refreshToken);
    const after = await request(net.app('360702').http).post('/api/v1/auth/refresh').send({ refreshToken: next.body.refreshToken }).expect(200);
    issued.push(retried.body.accessToken, retried.body.refreshToken, after.body.accessToken, after.body.refreshToken);
    // The used token once more, now that its successor was used too: it was copied, so every session of the account ends.
    await request(net.app('360702').http).post('/api/v1/auth/refresh').send({ refreshToken: s.refreshToken }).expect(401);
    await request(net.app('360702').http).post('/api/v1/auth/refresh').send({ refreshToken: retried.body.refreshToken }).expect(401);
    await request(net.app('360702').http).post('/api/v1/auth/refresh').send({ refreshToken: after.body.refreshToken }).expect(401);
    // A seeded user is not re-created or overwritten on restart.
    const users = await as(net.app('360702').http, next.body.accessToken).get('/api/v1/centers/360702/users').expect(200);
    expect(users.body.items.map((u: { username: string }) => u.username)).toEqual(['zg-admin']);
  });

  it('the sign-in page learns the centers an app serves without a token', async () => {
    const r = await request(net.app('360702').http).get('/api/v1/desk/centers').expect(200);
    expect(r.body.items).toEqual([
      { code: '360702', name: '章贡区融媒体中心', level: 'county', parent: '360700' },
      { code: '360703', name: '南康区融媒体中心', level: 'county', parent: '360700' },
    ]);
  });

  it('wrong passwords and unknown users get the same answer', async () => {
    const a = await login('360702', 'zg-admin', 'wrong-password-x').expect(401);
    const b = await login('360702', 'no-such-user', 'wrong-password-x').expect(401);
    expect(a.body.message).toBe(b.body.message);
    // 赣县 is a real center, but not one this app serves.
    await request(net.app('360702').http)
      .post('/api/v1/auth/login')
      .send({ center: '360704', username: 'zg-admin', password: SEED.users[0]!.password })
      .expect(404);
  });

  it('an admin creates an editor; disabling the editor bites on the very next request', async () => {
    const admin = as(net.app('360702').http, (await session('360702', 'zg-admin', SEED.users[0]!.password)).accessToken);
    await admin
      .post('/api/v1/centers/360702/users', { username: 'curator-in-county', displayName: '审核', role: 'curator', password: EDITOR_PASSWORD })
      .expect(400);
    await admin.post('/api/v1/centers/360702/users', { username: 'x<script>', displayName: '<b>刘敏</b>', role: 'editor', password: 'short' }).expect(400);
    const created = await admin
      .post('/api/v1/centers/360702/users', { username: 'liumin', displayName: '刘敏', role: 'editor', password: EDITOR_PASSWORD })
      .expect(201);
    expect(created.body).toMatchObject({ username: 'liumin', role: 'editor', roleLabel: '编辑', disabled: false });
    expect(JSON.stringify(created.body)).not.toMatch(/password|scrypt/i);
    await admin.post('/api/v1/centers/360702/users', { username: 'liumin', displayName: '刘敏', role: 'editor', password: EDITOR_PASSWORD }).expect(409);

    const s = await session('360702', 'liumin', EDITOR_PASSWORD);
    const editor = as(net.app('360702').http, s.accessToken);
    await editor.post('/api/v1/centers/360702/stories', storyInput()).expect(201);
    await editor.get('/api/v1/centers/360702/users').expect(403);

    await admin.patch(`/api/v1/centers/360702/users/${s.user.id}`, { disabled: true }).expect(200);
    await editor.get('/api/v1/centers/360702/stories').expect(401);
    await request(net.app('360702').http).post('/api/v1/auth/refresh').send({ refreshToken: s.refreshToken }).expect(401);
    await login('360702', 'liumin', EDITOR_PASSWORD).expect(401);

    await admin.patch(`/api/v1/centers/360702/users/${s.user.id}`, { disabled: false }).expect(200);
    const again = await session('360702', 'liumin', EDITOR_PASSWORD);
    await as(net.app('360702').http, again.accessToken).get('/api/v1/centers/360702/stories').expect(200);
    // A demotion also ends the tokens that carry the old role.
    await admin.patch(`/api/v1/centers/360702/users/${again.user.id}`, { role: 'reporter' }).expect(200);
    await as(net.app('360702').http, again.accessToken).get('/api/v1/centers/360702/stories').expect(401);
  });

  it('a password reset ends the old tokens; the new password works', async () => {
    const admin = as(net.app('360702').http, (await session('360702', 'zg-admin', SEED.users[0]!.password)).accessToken);
    const s = await session('360702', 'liumin', EDITOR_PASSWORD);
    // Tokens are void from the second of the change on; step past the second they were issued in.
    await new Promise((r) => setTimeout(r, 1100));
    await admin.post(`/api/v1/centers/360702/users/${s.user.id}/password`, { password: NEW_PASSWORD }).expect(204);
    await as(net.app('360702').http, s.accessToken).get('/api/v1/centers/360702/stories').expect(401);
    await request(net.app('360702').http).post('/api/v1/auth/refresh').send({ refreshToken: s.refreshToken }).expect(401);
    await login('360702', 'liumin', EDITOR_PASSWORD).expect(401);
    await session('360702', 'liumin', NEW_PASSWORD);
  });

  it('a city admin manages the users of its counties, at the app that hosts them; siblings and children may not reach across', async () => {
    const city = await session('360700', 'gz-admin', SEED.users[2]!.password);
    const cityAdmin = as(net.app('360702').http, city.accessToken);
    const made = await cityAdmin
      .post('/api/v1/centers/360702/users', { username: 'chenxiao', displayName: '陈晓', role: 'reporter', password: 'chenxiao-Desk-1' })
      .expect(201);
    expect(made.body).toMatchObject({ center: '360702', createdBy: `${city.user.id}@360700` });
    expect((await cityAdmin.get('/api/v1/centers/360703/users').expect(200)).body.items.map((u: { username: string }) => u.username)).toEqual([
      'nk-admin',
      'nk-reporter',
    ]);
    await session('360702', 'chenxiao', 'chenxiao-Desk-1');

    const nankang = as(net.app('360702').http, (await session('360703', 'nk-admin', SEED.users[1]!.password)).accessToken);
    await nankang.get('/api/v1/centers/360702/users').expect(403);
    await nankang.patch(`/api/v1/centers/360702/users/${made.body.id}`, { disabled: true }).expect(403);
    const county = as(net.app('360700').http, (await session('360702', 'zg-admin', SEED.users[0]!.password)).accessToken);
    await county.get('/api/v1/centers/360700/users').expect(403);
    // A county admin's token is no admin of its city's stories either.
    await county.get('/api/v1/centers/360700/review-queue').expect(403);
  });

  it('login is rate limited per user (429 with Retry-After), and so is submission', async () => {
    // The bucket refills continuously (one login per 6 s here), so on a slow machine a few more may pass.
    const statuses: number[] = [];
    while (!statuses.includes(429) && statuses.length < LOGINS_PER_MINUTE + 5)
      statuses.push((await login('360703', 'nk-reporter', `wrong-password-${statuses.length}`)).status);
    expect(statuses.slice(0, LOGINS_PER_MINUTE)).toEqual(Array(LOGINS_PER_MINUTE).fill(401));
    expect(statuses[statuses.length - 1]).toBe(429);
    const limited = await login('360703', 'nk-reporter', SEED.users[3]!.password).expect(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    // Another user of the same center is not held up by it.
    await session('360703', 'nk-admin', SEED.users[1]!.password);

    // Submission is 终审: each story passes 初审 and 复审 first (not rate limited), then the chief editor submits.
    const first = as(net.app('360702').http, net.token('360702', 'editor', 'rate-first', '初审编辑'));
    const second = as(net.app('360702').http, net.token('360702', 'editor', 'rate-second', '复审编辑'));
    const chief = as(net.app('360702').http, net.token('360702', 'chief-editor', 'rate-probe', '总编辑'));
    const ids: string[] = [];
    for (let i = 0; i < 8; i++) {
      const id: string = (await first.post('/api/v1/centers/360702/stories', storyInput({ title: `限流测试 ${i}` })).expect(201)).body.id;
      await first.post(`/api/v1/centers/360702/stories/${id}/review/advance`, { step: 'first' }).expect(200);
      await second.post(`/api/v1/centers/360702/stories/${id}/review/advance`, { step: 'second' }).expect(200);
      ids.push(id);
    }
    const submits: number[] = [];
    for (const id of ids) if (!submits.includes(429)) submits.push((await chief.post(`/api/v1/centers/360702/stories/${id}/submit`)).status);
    expect(submits.slice(0, 3)).toEqual([202, 202, 202]);
    expect(submits[submits.length - 1]).toBe(429);
    // Signing 终审 through review/advance is the same submission and spends the same budget.
    const left = ids[submits.length];
    expect(left).toBeDefined();
    await chief.post(`/api/v1/centers/360702/stories/${left}/review/advance`, { step: 'final' }).expect(429);
  });

  it('no password, token or secret appears in any log line or error answer', async () => {
    const typedIntoUsername = 'Pa55-word-in-the-wrong-box';
    await login('360702', typedIntoUsername, 'whatever-else-1').expect(401);
    const malformed = await request(net.app('360702').http)
      .post('/api/v1/auth/login')
      .set('content-type', 'application/json')
      .send(`{"center":"360702","username":"zg-admin","password":"${'leaky-Passw0rd'}",}`)
      .expect(400);
    expect(JSON.stringify(malformed.body)).not.toContain('leaky-Passw0rd');
    await eventually(async () => net.app('360702').process.logs().includes('(not a username)'));

    const logs = net.logs();
    const secrets = [
      TEST_AUTH_SECRET,
      TEST_GRPC_SECRET,
      EDITOR_PASSWORD,
      NEW_PASSWORD,
      typedIntoUsername,
      'leaky-Passw0rd',
      ...SEED.users.map((u) => u.password),
      ...issued.map((t) => t.split('.').pop()!),
    ];
    expect(issued.length).toBeGreaterThan(10);
    expect(secrets.filter((s) => logs.includes(s))).toEqual([]);
  });
});
