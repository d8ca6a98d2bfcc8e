import { Injectable } from '@nestjs/common';
import type { StorySnapshot } from '@syn/contracts';
import type { ReviewListener } from '@syn/hub';
import type { EntityManager } from 'typeorm';
import { LedgerService } from './ledger.service';

const authorsOf = (s: StorySnapshot) => s.authors.map((a) => a.name);

/** Puts a hub's review work on the ledger: 上报 received, 入库 and 退稿 decided (退改 is not an outcome). */
@Injectable()
export class LedgerReviewListener implements ReviewListener {
  constructor(private readonly ledger: LedgerService) {}

  async onSubmitted(m: EntityManager, e: { story: StorySnapshot; hubCode: string; submittedAt: Date }) {
    await this.ledger.record(m, e.hubCode, {
      kind: 'submitted',
      storyId: e.story.id,
      storyVersion: e.story.version,
      originCode: e.story.originCode,
      authors: authorsOf(e.story),
      actorCode: e.hubCode,
      occurredAt: e.submittedAt.toISOString(),
    });
  }

  async onDecided(
    m: EntityManager,
    e: { story: StorySnapshot; hubCode: string; decision: 'accepted' | 'rejected' | 'returned'; decidedAt: Date; mergedInto?: string },
  ) {
    // 退改 is a step in the conversation with the county, not an outcome: the resubmission will be decided.
    if (e.decision === 'returned') return;
    await this.ledger.record(m, e.hubCode, {
      // A story merged into its family's kept one is not a 退稿 for the ledger: it shares the family's credit.
      kind: e.mergedInto ? 'merged' : e.decision,
      refId: e.mergedInto ?? null,
      storyId: e.story.id,
      storyVersion: e.story.version,
      originCode: e.story.originCode,
      authors: authorsOf(e.story),
      actorCode: e.hubCode,
      occurredAt: e.decidedAt.toISOString(),
    });
  }
}
