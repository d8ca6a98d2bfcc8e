import { Injectable, Logger } from '@nestjs/common';
import { AuditLog, remoteActor } from '@syn/audit';
import { STORY_RECOMMENDED, StoryRecommended } from '@syn/contracts';
import { EventHandler, InboundEvent, OnTreeEvent, PoisonMessageError } from '@syn/messaging';
import { EntityManager } from 'typeorm';

/** 推荐 from a city hub: the story is marked for the provincial desk, in its index (and, through the table's trigger, on the live feed). */
@Injectable()
@OnTreeEvent(STORY_RECOMMENDED)
export class StoryRecommendedHandler implements EventHandler<StoryRecommended> {
  private readonly logger = new Logger('StoryRecommended');

  constructor(private readonly audit: AuditLog) {}

  async handle(m: EntityManager, e: InboundEvent<StoryRecommended>): Promise<void> {
    const r = e.payload;
    if (r.hubCode !== e.route.child)
      throw new PoisonMessageError(`event ${e.envelope.id}: recommendation of ${r.storyId} names hub ${r.hubCode} but came from ${e.route.child}`);
    const held: Array<{ hub_code: string }> = await m.query(`SELECT hub_code FROM story_index WHERE story_id = $1 AND province_code = $2`, [
      r.storyId,
      e.recipient,
    ]);
    // Only the hub whose pool holds the story may recommend it (once it is indexed).
    if (held[0] && held[0].hub_code !== r.hubCode) {
      throw new PoisonMessageError(`event ${e.envelope.id}: hub ${r.hubCode} recommends story ${r.storyId}, which is pooled by ${held[0].hub_code}`);
    }
    const rows: unknown[] = await m.query(
      `INSERT INTO story_recommendations (story_id, province_code, hub_code, note, recommended_by, recommended_at) VALUES ($1,$2,$3,$4,$5,$6)
       ON CONFLICT (story_id) DO UPDATE SET note = EXCLUDED.note, recommended_by = EXCLUDED.recommended_by, recommended_at = EXCLUDED.recommended_at, received_at = now()
       WHERE story_recommendations.recommended_at < EXCLUDED.recommended_at AND story_recommendations.hub_code = EXCLUDED.hub_code
       RETURNING story_id`,
      [r.storyId, e.recipient, r.hubCode, r.note ?? null, r.recommendedBy, r.recommendedAt],
    );
    if (rows.length === 0) return;
    await this.audit.record(m, {
      center: e.recipient,
      storyId: r.storyId,
      actor: remoteActor(r.recommendedBy, r.hubCode),
      action: 'index.recommended',
      before: null,
      after: { note: r.note ?? null, hubCode: r.hubCode },
      at: new Date(r.recommendedAt),
    });
    this.logger.log({ msg: 'story recommended', province: e.recipient, hub: r.hubCode, storyId: r.storyId });
  }
}
