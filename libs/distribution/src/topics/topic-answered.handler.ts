import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { TOPIC_ANSWERED, TopicAnswered } from '@syn/contracts';
import { EventHandler, EventHandlerRegistry, InboundEvent, PoisonMessageError } from '@syn/messaging';
import { CenterDirectory } from '@syn/network';
import { EntityManager } from 'typeorm';
import { DistributionRelay } from '../relay/distribution-relay';
import { TopicsService } from './topics.service';

/** An answer to a topic climbs hop by hop: the issuer records it, every hop below passes it on. */
@Injectable()
export class TopicAnsweredHandler implements EventHandler<TopicAnswered>, OnModuleInit {
  readonly type = TOPIC_ANSWERED;
  readonly direction = 'up' as const;
  private readonly logger = new Logger('TopicAnswered');

  constructor(
    private readonly registry: EventHandlerRegistry,
    private readonly directory: CenterDirectory,
    private readonly topics: TopicsService,
    private readonly relay: DistributionRelay,
  ) {}

  onModuleInit() {
    this.registry.register(this);
  }

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
      await this.relay.up(m, { kind: 'topic-answer', id: a.topicId }, here, TOPIC_ANSWERED, a);
      return;
    }
    const outcome = await this.topics.recordAnswer(m, here, a);
    if (outcome === 'unknown-topic' || outcome === 'not-targeted') {
      throw new PoisonMessageError(`event ${e.envelope.id}: answer from ${a.answererCode} to topic ${a.topicId} at ${here}: ${outcome}`);
    }
    this.logger.log({ msg: `topic answer ${outcome}`, center: here, topicId: a.topicId, answerer: a.answererCode, storyId: a.storyId });
  }
}
