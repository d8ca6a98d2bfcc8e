import { BusInjector, eventually, makeSnapshot } from '@syn/testing';
import { v7 as uuidv7 } from 'uuid';
import { as } from '../support/http';
import { expectClean, FaultHarness, useFaultHarness, HUB, LOAD_MS, PROVINCE, sleep } from './support/fault-harness';
import { submitThroughReview } from '../support/county-review';

/**
 * Proof under bus faults: the same events delivered many times, events in the wrong order,
 * poison among good messages, and events the broker lost. Counties keep submitting throughout;
 * the checker prints one line per scenario and any lost, duplicated or mismatched story fails it.
 */
describe('faults: duplicates, reordering, poison and lost events', () => {
  let h: FaultHarness;

  useFaultHarness(async () => (h = await FaultHarness.start()));

  it('duplicate-delivery: every event already sent is delivered again, many times, three ways', async () => {
    const load = h.startLoad('duplicates');
    await sleep(LOAD_MS / 2);
    // On a busy machine the load may not have sent much yet: wait until each outbox has sent enough to
    // duplicate, rather than trusting the clock.
    const sentEnough = async () => {
      for (const app of ['county-a', 'county-b', HUB]) {
        const [{ n }] = await h.sql<{ n: number }>(app, `SELECT count(*)::int AS n FROM outbox WHERE sent_at IS NOT NULL`);
        if (n < 10) return false;
      }
      return true;
    };
    await eventually(sentEnough, 60_000, 500);
    let copies = 0;
    for (const app of ['county-a', 'county-b', HUB]) {
      const rows = await h.sql<{ subject: string; envelope: string; event_id: string }>(
        app,
        `SELECT subject, envelope, event_id FROM outbox WHERE sent_at IS NOT NULL ORDER BY seq DESC LIMIT 120`,
      );
      for (const r of rows) {
        await h.bus.publish(r.subject, r.envelope, r.event_id); // the broker's duplicate window drops it
        for (let k = 0; k < 3; k++) await h.bus.publish(r.subject, r.envelope); // the receivers' inbox drops these
        await h.bus.publish(r.subject, { ...JSON.parse(r.envelope), id: uuidv7() }); // a re-drive: handlers apply by version
        copies += 5;
      }
    }
    expect(copies).toBeGreaterThan(100);
    await sleep(LOAD_MS / 2);
    await load.stop();
    expectClean(await h.converge('duplicate-delivery', load));
  }, 300_000);

  it('reorder: a takedown before its story (at the hub) and a correction before its story (at the province)', async () => {
    // 360702 is kept out of the load so that the newest messages on its subjects are the ones reordered.
    const load = h.startLoad('reorder', ['360703', '360704', '360781']);
    const editor = as(h.net.app('360702').http, h.net.token('360702', 'editor'));
    const chief = as(h.net.app('360702').http, h.net.token('360702', 'chief-editor'));
    const input = (title: string) => ({ title, body: `<p>${title}</p>`, byline: '记者 乱序', category: '时政' });

    // Takedown before its story: with the hub down, swap story.submitted and story.withdrawn in the stream.
    await h.net.app(HUB).process.stop();
    const s = (await editor.post('/api/v1/centers/360702/stories', input('乱序：先撤稿后到达')).expect(201)).body;
    await submitThroughReview(h.net, '360702', s.id);
    await chief.post(`/api/v1/centers/360702/stories/${s.id}/withdrawal`, { reason: '乱序测试撤稿' }).expect(202);
    const sub = await eventually(async () => {
      const m = await h.bus.last('syn.up.360700.360702.story.submitted');
      return m && Buffer.from(m.data).toString().includes(s.id) ? m : null;
    });
    const wd = await eventually(async () => {
      const m = await h.bus.last('syn.up.360700.360702.story.withdrawn');
      return m && Buffer.from(m.data).toString().includes(s.id) ? m : null;
    });
    expect(wd.seq).toBeGreaterThan(sub.seq);
    await h.bus.delete(sub.seq);
    await h.bus.delete(wd.seq);
    await h.bus.publish(wd.subject, wd.data);
    await h.bus.publish(sub.subject, sub.data);
    await h.net.restart(HUB);

    // Correction before its story: with the province down, swap story.pooled and story.corrected.
    h.curator.pause();
    await h.net.app(PROVINCE).process.stop();
    const t = (await editor.post('/api/v1/centers/360702/stories', input('乱序：先更正后入库')).expect(201)).body;
    await submitThroughReview(h.net, '360702', t.id);
    await eventually(async () => (await h.curator.accept(t.id)) === 200, 30_000);
    await eventually(async () => (await editor.get(`/api/v1/centers/360702/stories/${t.id}`)).body.status === 'accepted', 30_000);
    await editor.post(`/api/v1/centers/360702/stories/${t.id}/corrections`, { title: '乱序：先更正后入库（更正）', note: '乱序测试更正' }).expect(202);
    const pooled = await eventually(async () => {
      const m = await h.bus.last('syn.up.360000.360700.story.pooled');
      return m && Buffer.from(m.data).toString().includes(t.id) ? m : null;
    }, 30_000);
    const corrected = await eventually(async () => {
      const m = await h.bus.last('syn.up.360000.360700.story.corrected');
      return m && Buffer.from(m.data).toString().includes(t.id) ? m : null;
    }, 30_000);
    expect(corrected.seq).toBeGreaterThan(pooled.seq);
    await h.bus.delete(pooled.seq);
    await h.bus.delete(corrected.seq);
    await h.bus.publish(corrected.subject, corrected.data);
    await h.bus.publish(pooled.subject, pooled.data);
    h.curator.resume();
    await h.net.restart(PROVINCE);

    await sleep(LOAD_MS / 2);
    await load.stop();
    const r = await h.converge('reorder', load);
    expectClean(r);
    const [tomb] = await h.sql<{ n: number }>(HUB, `SELECT count(*)::int AS n FROM tombstones WHERE story_id = $1`, [s.id]);
    expect(tomb.n).toBe(1);
    const [indexed] = await h.sql<{ version: number }>(PROVINCE, `SELECT version FROM story_index WHERE story_id = $1`, [t.id]);
    expect(indexed.version).toBe(2);
  }, 300_000);

  it('poison: malformed, invalid, oversize, unknown and forged messages are parked while the load flows', async () => {
    const load = h.startLoad('poison');
    await sleep(LOAD_MS / 3);
    const before = await h.sql<{ n: number }>(HUB, `SELECT count(*)::int AS n FROM dead_letters`);
    const story = makeSnapshot('360703', { title: '毒消息' });
    const env = (type: string, sender: string, payload: object) => BusInjector.envelope(type, sender, payload);
    for (let i = 0; i < 4; i++) {
      await h.bus.publish('syn.up.360700.360703.story.submitted', `{"id": "broken ${i}"`);
      await h.bus.publish(
        'syn.up.360700.360703.story.submitted',
        env('story.submitted', '360703', { story: { ...story, version: 0 }, submittedBy: 'x', submittedAt: new Date().toISOString() }),
      );
      await h.bus.publish(
        'syn.up.360700.360703.story.submitted',
        JSON.stringify(
          env('story.submitted', '360703', { story: { ...story, body: 'x'.repeat(950 * 1024) }, submittedBy: 'x', submittedAt: new Date().toISOString() }),
        ),
      );
      await h.bus.publish('syn.up.360700.360703.story.teleported', env('story.teleported', '360703', { story }));
      await h.bus.publish(
        'syn.up.360700.360703.story.corrected',
        env('story.corrected', '360704', { story, correctedBy: 'x', correctedAt: new Date().toISOString() }),
      );
    }
    await sleep(LOAD_MS / 2);
    await load.stop();
    expectClean(await h.converge('poison', load));
    const [after] = await h.sql<{ n: number }>(HUB, `SELECT count(*)::int AS n FROM dead_letters`);
    expect(after.n - before[0].n).toBe(20);
    const reasons = (await h.sql<{ reason: string }>(HUB, `SELECT reason FROM dead_letters`)).map((r) => r.reason).join('\n');
    for (const why of [/malformed JSON/, /payload invalid/, /oversize payload/, /unknown event type/, /origin mismatch/]) expect(reasons).toMatch(why);
  }, 300_000);

  it('lost-event: submissions the broker lost are found by reconciliation and re-driven', async () => {
    const counties = ['360703', '360704', '360781'];
    // Repairs are read from the county apps' counters: a periodic round may get to a lost story before
    // the rounds this test asks for, and a round asked for while another runs shares that one's answer.
    const countyRepairs = () => h.repairs('county');
    const repairsBefore = await countyRepairs();
    const load = h.startLoad('lost-event', counties);
    await sleep(LOAD_MS / 3);
    await h.net.app(HUB).process.stop();
    // Only a submission stored while the hub is down is surely not consumed yet; under a loaded CI a
    // county may file nothing for seconds, and deleting a message the hub already applied loses nothing.
    const stoppedAt = await h.bus.lastSeq();
    const unconsumed = await eventually(
      async () => {
        const last = await Promise.all(counties.map((c) => h.bus.last(`syn.up.360700.${c}.story.submitted`)));
        return last.every((m) => m !== null && m.seq > stoppedAt) ? last : undefined;
      },
      30_000,
      200,
    );
    let deleted = 0;
    for (const m of unconsumed) if (m && (await h.bus.delete(m.seq))) deleted++;
    expect(deleted).toBe(counties.length);
    await h.net.restart(HUB);
    await sleep(LOAD_MS / 3);
    await load.stop();
    // Let the hub drain its backlog, then reconcile now instead of waiting for the timer.
    await sleep(3000);
    const repaired = await eventually(
      async () => {
        for (const c of counties) {
          await as(h.net.app(c).http, h.net.token(c, 'admin')).post(`/api/v1/centers/${c}/reconciliation/run?graceMs=0`).expect(200);
        }
        const n = (await countyRepairs()) - repairsBefore;
        return n >= deleted ? n : undefined;
      },
      60_000,
      1000,
    ).catch(async () => (await countyRepairs()) - repairsBefore);
    expect(repaired).toBeGreaterThanOrEqual(deleted);
    expectClean(await h.converge('lost-event', load));
  }, 300_000);
});
