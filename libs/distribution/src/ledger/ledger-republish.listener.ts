import { Injectable } from '@nestjs/common';
import type { RepublishListener } from '@syn/hub';
import type { EntityManager } from 'typeorm';
import { LedgerService } from './ledger.service';

/** Puts a 转载 from the hub's pool on the ledger: the origin earns the republish weight for it. */
@Injectable()
export class LedgerRepublishListener implements RepublishListener {
  constructor(private readonly ledger: LedgerService) {}

  async onRepublished(
    m: EntityManager,
    e: { storyId: string; version: number; originCode: string; authors: string[]; hubCode: string; republishedBy: string; channel: string | null; at: Date },
  ) {
    await this.ledger.record(m, e.hubCode, {
      kind: 'republished',
      storyId: e.storyId,
      storyVersion: e.version,
      originCode: e.originCode,
      authors: e.authors,
      channel: e.channel,
      actorCode: e.republishedBy,
      occurredAt: e.at.toISOString(),
    });
  }
}
