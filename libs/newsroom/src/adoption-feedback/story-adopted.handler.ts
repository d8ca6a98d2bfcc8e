import { Injectable, Logger } from '@nestjs/common';
import { STORY_ADOPTED, StoryAdopted } from '@syn/contracts';
import { EventHandler, InboundEvent, OnTreeEvent, PoisonMessageError, TreeTransport } from '@syn/messaging';
import { CenterDirectory } from '@syn/network';
import { EntityManager } from 'typeorm';

/**
 * 采用反馈 on its way down to the origin: every hop records it (the city hub sees what the province
 * took from its pool) and passes it one hop further until it reaches the story's origin.
 */
@Injectable()
@OnTreeEvent(STORY_ADOPTED)
export class StoryAdoptedHandler implements EventHandler<StoryAdopted> {
  private readonly logger = new Logger('StoryAdopted');

  constructor(
    private readonly directory: CenterDirectory,
    private readonly transport: TreeTransport,
  ) {}

  async handle(m: EntityManager, e: InboundEvent<StoryAdopted>): Promise<void> {
    const a = e.payload;
    const here = e.recipient;
    if (!this.directory.has(a.adopterCode) || !this.directory.isSelfOrAncestor(a.adopterCode, e.route.parent)) {
      throw new PoisonMessageError(`event ${e.envelope.id}: adoption ${a.adoptionId} claims adopter ${a.adopterCode}, which is not above ${e.route.parent}`);
    }
    if (!this.directory.has(a.originCode) || !this.directory.isSelfOrAncestor(here, a.originCode)) {
      throw new PoisonMessageError(
        `event ${e.envelope.id}: adoption ${a.adoptionId} of story ${a.storyId} from ${a.originCode} reached ${here}, which is not on its way`,
      );
    }
    const rows: unknown[] = await m.query(
      `INSERT INTO adoption_feedback (center_code, adoption_id, story_id, story_version, story_title, origin_code, hub_code, adopter_code, channel, adopted_by, adopted_at, points)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12) ON CONFLICT DO NOTHING RETURNING adoption_id`,
      [
        here,
        a.adoptionId,
        a.storyId,
        a.storyVersion,
        a.storyTitle,
        a.originCode,
        a.hubCode,
        a.adopterCode,
        a.channel,
        a.adoptedBy,
        a.adoptedAt,
        a.points ?? null,
      ],
    );
    if (rows.length === 0) return;
    const hop = this.directory.nextHopDown(here, a.originCode);
    if (hop) await this.transport.down(m, { kind: 'adoption', id: a.adoptionId }, here, hop, STORY_ADOPTED, a);
    this.logger.log({
      msg: 'adoption feedback received',
      center: here,
      storyId: a.storyId,
      adopter: a.adopterCode,
      channel: a.channel,
      points: a.points ?? null,
      relayedTo: hop,
    });
  }
}
