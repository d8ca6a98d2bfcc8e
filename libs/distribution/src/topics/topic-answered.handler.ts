import { Injectable, Logger } from '@nestjs/common';
import { TOPIC_ANSWERED, TopicAnswered } from '@syn/contracts';
import { EventHandler, InboundEvent, OnTreeEvent, PoisonMessageError, TreeTransport } from '@syn/messaging';
import { CenterDirectory } from '@syn/network';
import { EntityManager } from 'typeorm';
import { TopicsService } from './topics.service';

/** An answer to a topic climbs hop by hop: the issuer records it, every hop below passes it on. */
@Injectable()
@OnTreeEvent(TOPIC_ANSWERED)
export class TopicAnsweredHandler implements EventHandler<TopicAnswered> {
  private readonly logger = new Logger('TopicAnswered');

  constructor(
    private readonly directory: CenterDirectory,
    private readonly topics: TopicsService,
    private readonly transport: TreeTransport,
  ) {}

  async handle(m: EntityManager, e: InboundEvent<TopicAnswered>): Promise<void> {
    const a = e.payload;
    const here = e.recipient;
    if (!this.directory.has(a.answererCode) || !this.directory.isSelfOrAncestor(e.route.child, a.answererCode)) {
      throw new PoisonMessageError(
        `event ${e.envelope.id}: answer to topic ${a.topicId} from ${a.answererCode} was sent by ${e.route.child}, outside its subtree`,
      );
    }
    if (a.issuerCode !== here) {
      if (!this.directory.has(a.issuerCode) || !this.directory.isSelfOrAncestor(a.issuerCode, here)) {
        throw new PoisonMessageError(`event ${e.envelope.id}: topic ${a.topicId} was issued by ${a.issuerCode}, which is not above ${here}`);
      }
      await this.transport.up(m, { kind: 'topic-answer', id: a.topicId }, here, TOPIC_ANSWERED, a);
      return;
    }
    const outcome = await this.topics.recordAnswer(m, here, a);
    if (outcome === 'unknown-topic' || outcome === 'not-targeted') {
      throw new PoisonMessageError(`event ${e.envelope.id}: answer from ${a.answererCode} to topic ${a.topicId} at ${here}: ${outcome}`);
    }
    this.logger.log({ msg: `topic answer ${outcome}`, center: here, topicId: a.topicId, answerer: a.answererCode, storyId: a.storyId });
  }
}
