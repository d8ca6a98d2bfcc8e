import { eventually, NatsServerProcess, TestNetwork } from '@syn/testing';
import { as, storyInput } from '../support/http';

/**
 * 三审 at the county: a story passes 初审, 复审 and 终审 (or 初审 and 终审 where the center says
 * so) before it can leave. Each step is signed by the right role and by a different person, none
 * can be skipped, and every change lands in the story's audit log.
 */
describe('county review (三审) before submission', () => {
  let nats: NatsServerProcess;
  let net: TestNetwork;

  beforeAll(async () => {
    nats = await NatsServerProcess.start();
    net = await TestNetwork.start({
      natsUrl: nats.url,
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

  const county = () => net.app('360702').http;
  const reporter = () => as(county(), net.token('360702', 'reporter', 'r-chen', '陈晓'));
  const editorA = () => as(county(), net.token('360702', 'editor', 'e-liu', '刘敏'));
  const editorB = () => as(county(), net.token('360702', 'editor', 'e-zhou', '周编'));
  const chief = () => as(county(), net.token('360702', 'chief-editor', 'c-huang', '黄总编'));
  const path = (id: string, rest = '') => `/api/v1/centers/360702/stories/${id}${rest}`;

  it('walks 初审 → 复审 → 终审; the last signature is the submission, and the hub receives it only then', async () => {
    const policy = await editorA().get('/api/v1/centers/360702/review-policy').expect(200);
    expect(policy.body).toMatchObject({ steps: 3, isDefault: true, sequence: [{ label: '初审' }, { label: '复审' }, { label: '终审' }] });

    const { body: draft } = await reporter()
      .post('/api/v1/centers/360702/stories', storyInput({ title: '章贡区：三审三校守好导向关' }))
      .expect(201);
    expect(draft.review).toMatchObject({
      stage: 'none',
      stageLabel: '待初审',
      signoffs: [],
      awaiting: { step: 'first', label: '初审', roles: ['editor', 'chief-editor'] },
    });
    expect(draft.holder).toEqual({ kind: 'user', id: 'r-chen', name: '陈晓' });

    const first = await editorA().post(path(draft.id, '/review/advance'), { step: 'first', note: '事实核实无误' }).expect(200);
    expect(first.body).toMatchObject({
      status: 'draft',
      review: { stage: 'first', awaiting: { step: 'second', label: '复审' } },
      holder: { id: 'e-liu', name: '刘敏' },
    });
    expect(first.body.review.signoffs).toEqual([expect.objectContaining({ step: 'first', label: '初审', userId: 'e-liu', name: '刘敏' })]);

    const second = await editorB().post(path(draft.id, '/review/advance'), { step: 'second' }).expect(200);
    expect(second.body.review).toMatchObject({ stage: 'second', awaiting: { step: 'final', label: '终审', roles: ['chief-editor'] } });

    // Nothing has left the county yet.
    const curator = as(net.app('360700').http, net.token('360700', 'curator'));
    expect((await curator.get('/api/v1/centers/360700/review-queue').expect(200)).body.items).toEqual([]);

    const submitted = await chief().post(path(draft.id, '/submit')).expect(202);
    expect(submitted.body).toMatchObject({
      status: 'submitted',
      submittedTo: '360700',
      review: { stage: 'final', awaiting: null },
      holder: { kind: 'center', id: '360700', name: '赣州市融媒体中心' },
    });
    expect(submitted.body.review.signoffs.map((s: { userId: string }) => s.userId)).toEqual(['e-liu', 'e-zhou', 'c-huang']);
    await eventually(async () =>
      (await curator.get('/api/v1/centers/360700/review-queue')).body.items?.some((i: { storyId: string }) => i.storyId === draft.id),
    );

    // The whole way is in the audit log, newest first, with who and before/after.
    const audit = await editorA().get(path(draft.id, '/audit')).expect(200);
    expect(audit.body.items.map((a: { action: string }) => a.action)).toEqual(['story.submitted', 'review.second', 'review.first', 'story.created']);
    expect(audit.body.items[0]).toMatchObject({
      actor: { id: 'c-huang', name: '黄总编', center: '360702' },
      before: { reviewStage: 'second', status: 'draft' },
      after: { reviewStage: 'final', status: 'submitted', submittedTo: '360700' },
    });
    expect(audit.body.items[2]).toMatchObject({
      actor: { id: 'e-liu' },
      before: { reviewStage: 'none' },
      after: { reviewStage: 'first', note: '事实核实无误' },
    });

    // The hub's decision comes back and is audited too, credited to the curator at the hub.
    await curator.post(`/api/v1/centers/360700/review-queue/${draft.id}/decision`, { decision: 'accept' }).expect(200);
    const decided = await eventually(async () => {
      const r = await editorA().get(path(draft.id, '/audit')).expect(200);
      return r.body.items[0]?.action === 'review.accepted' ? r.body.items[0] : null;
    });
    expect(decided).toMatchObject({ actor: { center: '360700' }, before: { status: 'submitted' }, after: { status: 'accepted' } });
    const accepted = await editorA().get(path(draft.id)).expect(200);
    expect(accepted.body.holder).toMatchObject({ kind: 'center', id: '360700' });
  });

  it('refuses a skipped step, and signing a step twice', async () => {
    const { body } = await reporter()
      .post('/api/v1/centers/360702/stories', storyInput({ title: '跳过初审的稿件' }))
      .expect(201);
    const skipAll = await chief().post(path(body.id, '/submit')).expect(409);
    expect(skipAll.body.message).toMatch(/终审 \(final\) cannot be signed before 初审 \(first\)/);
    expect(skipAll.body.message).toContain(body.id);
    await editorA().post(path(body.id, '/review/advance'), { step: 'second' }).expect(409);
    await editorA().post(path(body.id, '/review/advance'), { step: 'first' }).expect(200);
    const skipSecond = await chief().post(path(body.id, '/review/advance'), { step: 'final' }).expect(409);
    expect(skipSecond.body.message).toMatch(/before 复审/);
    const twice = await editorB().post(path(body.id, '/review/advance'), { step: 'first' }).expect(409);
    expect(twice.body.message).toMatch(/初审 \(first\) has already passed/);
    await editorA().post(path(body.id, '/review/advance'), { step: 'third' }).expect(400);
    const still = await editorA().get(path(body.id)).expect(200);
    expect(still.body).toMatchObject({ status: 'draft', review: { stage: 'first' } });
  });

  it('refuses the wrong role and the same person twice', async () => {
    const { body } = await reporter()
      .post('/api/v1/centers/360702/stories', storyInput({ title: '角色不对的签发' }))
      .expect(201);
    // A reporter signs nothing; an admin configures but does not sign.
    await reporter().post(path(body.id, '/review/advance'), { step: 'first' }).expect(403);
    await as(county(), net.token('360702', 'admin')).post(path(body.id, '/review/advance'), { step: 'first' }).expect(403);
    await editorA().post(path(body.id, '/review/advance'), { step: 'first' }).expect(200);
    const same = await editorA().post(path(body.id, '/review/advance'), { step: 'second' }).expect(403);
    expect(same.body.message).toMatch(/e-liu already signed 初审 of this version; 复审 needs another person/);
    await editorB().post(path(body.id, '/review/advance'), { step: 'second' }).expect(200);
    // 终审 is the chief editor's: an editor's submit is refused, naming the role needed.
    const editorFinal = await as(county(), net.token('360702', 'editor', 'e-wu', '吴编'))
      .post(path(body.id, '/submit'))
      .expect(403);
    expect(editorFinal.body.message).toMatch(/终审 \(final\) must be signed by chief-editor, not editor/);
    const after = await editorA().get(path(body.id)).expect(200);
    expect(after.body).toMatchObject({ status: 'draft', review: { stage: 'second' } });
    await chief().post(path(body.id, '/submit')).expect(202);
  });

  it('a reviewer sends a story back with a reason, and an edit voids the sign-offs of the old version', async () => {
    const { body } = await reporter()
      .post('/api/v1/centers/360702/stories', storyInput({ title: '需要修改的稿件' }))
      .expect(201);
    await editorA().post(path(body.id, '/review/advance'), { step: 'first' }).expect(200);
    await editorB().post(path(body.id, '/review/send-back'), {}).expect(400);
    const back = await editorB().post(path(body.id, '/review/send-back'), { reason: '导语过长，请压缩' }).expect(200);
    expect(back.body.review).toMatchObject({ stage: 'none', signoffs: [], sentBackReason: '导语过长，请压缩', awaiting: { step: 'first' } });
    await editorB().post(path(body.id, '/review/advance'), { step: 'second' }).expect(409);

    await editorA().post(path(body.id, '/review/advance'), { step: 'first' }).expect(200);
    const edited = await reporter().patch(path(body.id), { summary: '压缩后的导语' }).expect(200);
    expect(edited.body).toMatchObject({ version: 2, review: { stage: 'none', signoffs: [] }, holder: { id: 'r-chen' } });

    const audit = await editorA().get(path(body.id, '/audit')).expect(200);
    expect(audit.body.items.map((a: { action: string }) => a.action)).toEqual([
      'story.edited',
      'review.first',
      'review.sent-back',
      'review.first',
      'story.created',
    ]);
    expect(audit.body.items[0]).toMatchObject({
      before: { summary: null, version: 1, reviewStage: 'first' },
      after: { summary: '压缩后的导语', version: 2, reviewStage: 'none' },
    });
    expect(audit.body.items[2]).toMatchObject({ actor: { id: 'e-zhou' }, after: { reason: '导语过长，请压缩' } });
    // Paging the trail works like every other list.
    const page1 = await editorA().get(path(body.id, '/audit?limit=2')).expect(200);
    expect(page1.body.items).toHaveLength(2);
    const page2 = await editorA()
      .get(path(body.id, `/audit?limit=10&cursor=${page1.body.nextCursor}`))
      .expect(200);
    expect(page2.body.items.map((a: { action: string }) => a.action)).toEqual(['review.sent-back', 'review.first', 'story.created']);
    await editorA().get(path('01890000-0000-7000-8000-000000000000', '/audit')).expect(404);
  });

  it('a center may set two steps (初审, 终审); only its admin may, and only to 2 or 3', async () => {
    const admin = as(county(), net.token('360703', 'admin'));
    await as(county(), net.token('360703', 'chief-editor')).put('/api/v1/centers/360703/review-policy', { steps: 2 }).expect(403);
    const bad = await admin.put('/api/v1/centers/360703/review-policy', { steps: 4 }).expect(400);
    expect(bad.body.fields).toEqual(['steps']);
    const set = await admin.put('/api/v1/centers/360703/review-policy', { steps: 2 }).expect(200);
    expect(set.body).toMatchObject({ steps: 2, isDefault: false, sequence: [{ label: '初审' }, { label: '终审' }] });
    // The sibling keeps the default.
    expect((await editorA().get('/api/v1/centers/360702/review-policy')).body.steps).toBe(3);

    const nk = (role: 'editor' | 'chief-editor', user: string) => as(county(), net.token('360703', role, user));
    const { body } = await nk('editor', 'nk-writer')
      .post('/api/v1/centers/360703/stories', storyInput({ title: '南康区：两审制稿件' }))
      .expect(201);
    await nk('editor', 'nk-first').post(`/api/v1/centers/360703/stories/${body.id}/review/advance`, { step: 'second' }).expect(409);
    const first = await nk('editor', 'nk-first').post(`/api/v1/centers/360703/stories/${body.id}/review/advance`, { step: 'first' }).expect(200);
    expect(first.body.review).toMatchObject({ policySteps: 2, awaiting: { step: 'final', label: '终审' } });
    const done = await nk('chief-editor', 'nk-chief').post(`/api/v1/centers/360703/stories/${body.id}/review/advance`, { step: 'final' }).expect(200);
    expect(done.body).toMatchObject({ status: 'submitted', submittedTo: '360700' });
    const curator = as(net.app('360700').http, net.token('360700', 'curator'));
    await eventually(async () => (await curator.get('/api/v1/centers/360700/review-queue?origin=360703')).body.items?.length === 1);
  });

  it('the desk list shows where each story stands and who holds it', async () => {
    const r = await editorA().get('/api/v1/centers/360702/stories?limit=200').expect(200);
    expect(r.body.items.length).toBeGreaterThanOrEqual(4);
    for (const s of r.body.items) {
      expect(s.review).toEqual(expect.objectContaining({ stage: expect.any(String), stageLabel: expect.any(String), policySteps: 3 }));
      expect(s.holder).toEqual(expect.objectContaining({ kind: expect.stringMatching(/^(user|center)$/), name: expect.any(String) }));
    }
    const waiting = r.body.items.find((s: { title: string }) => s.title === '需要修改的稿件');
    expect(waiting.review.awaiting).toMatchObject({ label: '初审' });
  });
});
