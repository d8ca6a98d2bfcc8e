import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { eventually, NatsServerProcess, TestNetwork } from '@syn/testing';
import { Client } from 'pg';
import { submitThroughReview } from '../support/county-review';
import { poolStory, submitStory } from '../support/flow';
import { as } from '../support/http';

/**
 * 同题稿件: several counties file the same event. Lightly edited copies from two counties group
 * into one family (and a copy of an already pooled story joins it); different stories do not. The
 * curator sees the family side by side and merges it: one pool story crediting every contributor,
 * and each origin hears its decision.
 */
interface SeedStory {
  title: string;
  body: string[];
}

interface QueueItem {
  storyId: string;
  status: string;
  reason: string | null;
  family: { familyId: string; members: Array<{ storyId: string; originCode: string; status: string; pooled: boolean; mergedInto: string | null }> } | null;
}

const seed: SeedStory[] = JSON.parse(readFileSync(resolve(process.cwd(), 'deploy/demo/seed-stories.json'), 'utf8')).stories;
const html = (paragraphs: string[]) => paragraphs.map((p) => `<p>${p}</p>`).join('');
const original = seed[10];
/** The same story as another county files it: its own lead, a changed name, a closing sentence. */
const copyBody = [
  original.body[0].replace('赣州市融媒体中心', '赣州融媒体中心'),
  ...original.body.slice(1),
  '记者从赣州市融媒体中心获悉，相关做法已在全市推广。',
];

describe('near-duplicates: families of copies filed by several counties, merged into one pool story', () => {
  let nats: NatsServerProcess;
  let net: TestNetwork;
  let a: string;
  let b: string;
  let c: string;

  const curator = () => as(net.app('360700').http, net.token('360700', 'curator', 'c-merge', '合并审核'));
  const queue = async (status = 'pending'): Promise<QueueItem[]> =>
    (await curator().get(`/api/v1/centers/360700/review-queue?limit=200&status=${status}`).expect(200)).body.items;

  beforeAll(async () => {
    nats = await NatsServerProcess.start();
    net = await TestNetwork.start({
      natsUrl: nats.url,
      apps: [
        { kind: 'province', centers: ['360000'] },
        { kind: 'city', centers: ['360700'] },
        { kind: 'county', centers: ['360702', '360703', '360704'] },
      ],
      // Every story: the last test checks the hub vacuums what its duplicate checks read.
      env: { SEARCH_VACUUM_AFTER_STORIES: '1' },
    });
    a = await submitStory(net, '360702', {
      title: original.title,
      body: html(original.body),
      byline: '记者 刘敏',
      authors: [{ name: '刘敏', role: 'reporter' }],
    });
    b = await submitStory(net, '360703', {
      title: `赣州：${original.title}`,
      body: html(copyBody),
      byline: '记者 张华 通讯员 陈晓',
      authors: [
        { name: '张华', role: 'reporter' },
        { name: '陈晓', role: 'correspondent' },
      ],
    });
    c = await submitStory(net, '360704', {
      title: seed[12].title,
      body: html(seed[12].body),
      byline: '记者 李强',
      authors: [{ name: '李强', role: 'reporter' }],
    });
    await eventually(async () => (await queue()).length === 3);
  }, 120_000);

  afterAll(async () => {
    await net?.stop();
    await nats?.stop();
  });

  it('groups the edited copies from two counties into one family, and leaves a different story alone', async () => {
    const items = await queue();
    const byId = new Map(items.map((i) => [i.storyId, i]));
    const fa = byId.get(a)!.family;
    const fb = byId.get(b)!.family;
    expect(fa).not.toBeNull();
    expect(fb?.familyId).toBe(fa!.familyId);
    expect(fa!.members.map((m) => m.storyId).sort()).toEqual([a, b].sort());
    expect(fa!.members.find((m) => m.storyId === b)).toMatchObject({ originCode: '360703', status: 'pending', pooled: false });
    expect(byId.get(c)!.family).toBeNull();
  });

  it('shows the family side by side, nearest first, with the distance in bits', async () => {
    const r = await curator().get(`/api/v1/centers/360700/review-queue/${b}/family`).expect(200);
    expect(r.body.familyId).toBeTruthy();
    expect(r.body.members.map((m: { storyId: string }) => m.storyId)).toEqual([b, a]);
    const [self, other] = r.body.members;
    expect(self).toMatchObject({
      distance: 0,
      originCode: '360703',
      originName: '南康区融媒体中心',
      title: `赣州：${original.title}`,
      byline: '记者 张华 通讯员 陈晓',
    });
    expect(other).toMatchObject({ originCode: '360702', title: original.title, byline: '记者 刘敏', status: 'pending' });
    expect(other.distance).toBeGreaterThan(0);
    expect(other.distance).toBeLessThanOrEqual(7);
    expect(other.body).toContain('大稿库');
    const alone = await curator().get(`/api/v1/centers/360700/review-queue/${c}/family`).expect(200);
    expect(alone.body).toMatchObject({ familyId: null, members: [{ storyId: c, distance: 0 }] });
    await curator().get('/api/v1/centers/360700/review-queue/01890000-0000-7000-8000-00000000abcd/family').expect(404);
  });

  it('refuses to merge a story that is not in the family', async () => {
    const r = await curator()
      .post(`/api/v1/centers/360700/review-queue/${a}/merge`, { members: [c] })
      .expect(422);
    expect(r.body.message).toContain(c);
    await curator()
      .post(`/api/v1/centers/360700/review-queue/${a}/merge`, { members: [a] })
      .expect(400);
    await curator()
      .post(`/api/v1/centers/360700/review-queue/${a}/merge`, { members: ['not-a-uuid'] })
      .expect(400);
    expect((await queue()).map((i) => i.status)).toEqual(['pending', 'pending', 'pending']);
  });

  it('merges the family into one pool story crediting every contributor; each origin gets its decision', async () => {
    const merged = await curator()
      .post(`/api/v1/centers/360700/review-queue/${a}/merge`, { members: [b] })
      .expect(200);
    expect(merged.body).toMatchObject({ storyId: a, title: original.title, byline: '记者 刘敏；记者 张华 通讯员 陈晓', edition: 1 });
    expect(merged.body.authors).toEqual([
      { name: '刘敏', role: 'reporter' },
      { name: '张华', role: 'reporter' },
      { name: '陈晓', role: 'correspondent' },
    ]);
    const reason = `已合并到《${original.title}》`;
    expect(merged.body.decisions).toEqual([
      expect.objectContaining({ storyId: a, status: 'accepted', reason: null }),
      expect.objectContaining({ storyId: b, status: 'rejected', reason }),
    ]);

    const pooled = await curator().get(`/api/v1/centers/360700/pool/${a}`).expect(200);
    expect(pooled.body).toMatchObject({ byline: '记者 刘敏；记者 张华 通讯员 陈晓', edition: 1, original: { title: original.title } });
    expect(pooled.body.authors.map((x: { name: string }) => x.name)).toEqual(['刘敏', '张华', '陈晓']);
    await curator().get(`/api/v1/centers/360700/pool/${b}`).expect(404);
    // One story in the pool for the event, found by search.
    const found = await curator()
      .get(`/api/v1/centers/360700/pool/search?q=${encodeURIComponent('探路')}`)
      .expect(200);
    expect(found.body.items.map((h: { storyId: string }) => h.storyId)).toEqual([a]);

    const rejected = (await queue('rejected')).find((i) => i.storyId === b)!;
    expect(rejected).toMatchObject({ status: 'rejected', reason });
    expect(rejected.family!.members.find((m) => m.storyId === b)!.mergedInto).toBe(a);

    const atA = await eventually(async () => {
      const r = await as(net.app('360702').http, net.token('360702', 'editor')).get(`/api/v1/centers/360702/stories/${a}`).expect(200);
      return r.body.status === 'accepted' ? r.body : null;
    });
    expect(atA.decidedBy).toBe('合并审核@360700');
    const atB = await eventually(async () => {
      const r = await as(net.app('360703').http, net.token('360703', 'editor')).get(`/api/v1/centers/360703/stories/${b}`).expect(200);
      return r.body.status === 'rejected' ? r.body : null;
    });
    expect(atB.decisionReason).toBe(reason);

    // The province indexes the merged edition, credits and all.
    const desk = as(net.app('360000').http, net.token('360000', 'desk-editor'));
    const indexed = await eventually(async () => {
      const r = await desk.get('/api/v1/centers/360000/index?limit=50').expect(200);
      return r.body.items.find((i: { storyId: string; edition: number }) => i.storyId === a && i.edition === 1);
    });
    expect(indexed).toMatchObject({ byline: '记者 刘敏；记者 张华 通讯员 陈晓', authors: ['刘敏', '张华', '陈晓'] });

    // A merged-away story cannot be merged or decided again.
    await curator()
      .post(`/api/v1/centers/360700/review-queue/${a}/merge`, { members: [b] })
      .expect(409);
  });

  it('puts a copy of an already pooled story in that story’s family, and different stories stay apart', async () => {
    const pooledId = await poolStory(net, '360704', '360700', {
      title: seed[2].title,
      body: html(seed[2].body),
      byline: '记者 周文',
      authors: [{ name: '周文', role: 'reporter' }],
    });
    const lastParagraph = seed[2].body.length - 1;
    const copy = await submitStory(net, '360702', {
      title: seed[2].title,
      body: html([...seed[2].body.slice(0, lastParagraph), `${seed[2].body[lastParagraph]}该市融媒体中心表示将继续努力。`]),
      byline: '记者 刘敏',
      authors: [{ name: '刘敏', role: 'reporter' }],
    });
    const item = await eventually(async () => (await queue()).find((i) => i.storyId === copy));
    expect(item.family).not.toBeNull();
    expect(item.family!.members.map((m) => m.storyId).sort()).toEqual([copy, pooledId].sort());
    expect(item.family!.members.find((m) => m.storyId === pooledId)).toMatchObject({ pooled: true, status: 'accepted', originCode: '360704' });
    // The earlier family (the merged story) and the unrelated story are not part of it.
    expect(item.family!.members.map((m) => m.storyId)).not.toContain(a);
    expect((await queue()).find((i) => i.storyId === c)!.family).toBeNull();
  });

  it('takes a resubmitted version out of its family when its text moved away, and a family left with one story is no family', async () => {
    const last = seed[5].body.length - 1;
    const first = await submitStory(net, '360703', {
      title: seed[5].title,
      body: html(seed[5].body),
      byline: '记者 张华',
      authors: [{ name: '张华', role: 'reporter' }],
    });
    const second = await submitStory(net, '360704', {
      title: seed[5].title,
      body: html([...seed[5].body.slice(0, last), `${seed[5].body[last]}记者从该县融媒体中心了解到，相关工作正在推进。`]),
      byline: '记者 李强',
      authors: [{ name: '李强', role: 'reporter' }],
    });
    const paired = await eventually(async () => (await queue()).find((i) => i.storyId === second && i.family !== null));
    expect(paired.family!.members.map((m) => m.storyId).sort()).toEqual([first, second].sort());

    // 退改: the county rewrites it into another story and sends it up again.
    await curator().post(`/api/v1/centers/360700/review-queue/${second}/decision`, { decision: 'return', reason: '请改写为本地报道' }).expect(200);
    // Decided, it leaves the lookup for pending submissions (its band rows go); sent again, it is back in it.
    const bandRows = async (id: string) => {
      const db = new Client({ connectionString: net.app('360700').database.url });
      await db.connect();
      try {
        return (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM submission_bands WHERE story_id = $1`, [id])).rows[0].n;
      } finally {
        await db.end();
      }
    };
    expect(await bandRows(second)).toBe(0);
    expect(await bandRows(first)).toBe(4);
    const county = as(net.app('360704').http, net.token('360704', 'editor', 'editor-360704', '县编辑'));
    await eventually(async () => (await county.get(`/api/v1/centers/360704/stories/${second}`).expect(200)).body.status === 'returned');
    await county.patch(`/api/v1/centers/360704/stories/${second}`, { title: seed[7].title, body: html(seed[7].body) }).expect(200);
    await submitThroughReview(net, '360704', second);

    const items = await eventually(async () => {
      const all = await queue();
      const rewritten = all.find((i) => i.storyId === second);
      return rewritten && rewritten.family === null ? all : null;
    });
    expect(items.find((i) => i.storyId === first)!.family).toBeNull();
    expect(await bandRows(second)).toBe(4);
  });
  it('vacuums the band and top-list tables its duplicate checks and searches read by index-only scans', async () => {
    const db = new Client({ connectionString: net.app('360700').database.url });
    await db.connect();
    try {
      const vacuumed = await eventually(async () => {
        const { rows } = await db.query<{ relname: string; n: number }>(
          `SELECT relname, vacuum_count::int AS n FROM pg_stat_user_tables
            WHERE relname IN ('submission_bands', 'pool_search_bands', 'pool_search_top') AND vacuum_count > 0 ORDER BY relname`,
        );
        return rows.length === 3 ? rows.map((r) => r.relname) : undefined;
      });
      expect(vacuumed).toEqual(['pool_search_bands', 'pool_search_top', 'submission_bands']);
    } finally {
      await db.end();
    }
  });
});
