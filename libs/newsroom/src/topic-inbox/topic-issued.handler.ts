import { Injectable, Logger } from '@nestjs/common';
import { TOPIC_ISSUED, TopicIssued } from '@syn/contracts';
import { EventHandler, InboundEvent, OnTreeEvent, PoisonMessageError, TreeTransport } from '@syn/messaging';
import { CenterDirectory } from '@syn/network';
import { EntityManager } from 'typeorm';

/** A topic from above lands in this center's topic inbox and goes on down towards its targets. */
@Injectable()
@OnTreeEvent(TOPIC_ISSUED)
export class TopicIssuedHandler implements EventHandler<TopicIssued> {
  private readonly logger = new Logger('TopicIssued');

  constructor(
    private readonly directory: CenterDirectory,
    private readonly transport: TreeTransport,
  ) {}

  async handle(m: EntityManager, e: InboundEvent<TopicIssued>): Promise<void> {
    const t = e.payload;
    const here = e.recipient;
    if (!this.directory.has(t.issuerCode) || !this.directory.isSelfOrAncestor(t.issuerCode, e.route.parent)) {
      throw new PoisonMessageError(`event ${e.envelope.id}: topic ${t.topicId} claims issuer ${t.issuerCode}, which is not above ${e.route.parent}`);
    }
    const targeted = this.directory.isTargeted(here, t.targets);
    const onTheWay = t.targets.some((x) => this.directory.has(x) && this.directory.isSelfOrAncestor(here, x));
    if (!targeted && !onTheWay)
      throw new PoisonMessageError(`event ${e.envelope.id}: topic ${t.topicId} reached ${here}, which is neither a target nor on the way to one`);
    const rows: unknown[] = await m.query(
      `INSERT INTO topic_inbox (center_code, topic_id, issuer_code, title, brief, deadline, targets, targeted, issued_by, issued_at)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10) ON CONFLICT DO NOTHING RETURNING topic_id`,
      [here, t.topicId, t.issuerCode, t.title, t.brief, t.deadline, t.targets, targeted, t.issuedBy, t.issuedAt],
    );
    if (rows.length === 0) return;
    const children = this.directory.childrenToward(here, t.targets);
    await this.transport.fanOut(m, { kind: 'topic', id: t.topicId }, here, children, TOPIC_ISSUED, t);
    this.logger.log({ msg: 'topic received', center: here, topicId: t.topicId, issuer: t.issuerCode, targeted, relayedTo: children });
  }
}
