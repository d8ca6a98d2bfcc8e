import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { REVIEW_DECIDED, ReviewDecided } from '@syn/contracts';
import { DecisionSource, ReconciliationSources } from '@syn/delivery';
import { OutboxWriter } from '@syn/messaging';
import { EntityManager } from 'typeorm';

/**
 * Parent side of the downward repair: a child says which of its submissions it still sees
 * undecided; every one this hub has decided gets its review.decided again, with a new event id.
 * The origin applies a decision by version, so one that was merely slow changes nothing twice.
 */
@Injectable()
export class DecisionsRedriveSource implements DecisionSource, OnModuleInit {
  readonly name = 'hub-decisions';
  private readonly logger = new Logger('DecisionsRedrive');

  constructor(
    private readonly sources: ReconciliationSources,
    private readonly outbox: OutboxWriter,
  ) {}

  onModuleInit() {
    this.sources.registerDecisions(this);
  }

  async redriveDecisions(m: EntityManager, parent: string, child: string, items: Array<{ storyId: string; version: number }>): Promise<string[]> {
    const decided: Array<{
      story_id: string;
      version: number;
      status: ReviewDecided['decision'];
      reason: string | null;
      decided_by: string;
      decided_at: Date;
    }> = await m.query(
      `SELECT s.story_id, s.version, s.status, s.reason, s.decided_by, s.decided_at
           FROM submissions s JOIN unnest($3::uuid[], $4::int[]) AS a(story_id, version) ON a.story_id = s.story_id
          WHERE s.hub_code = $1 AND s.origin_code = $2 AND s.status <> 'pending' AND s.version >= a.version AND s.decided_at IS NOT NULL`,
      [parent, child, items.map((i) => i.storyId), items.map((i) => i.version)],
    );
    if (decided.length === 0) return [];
    await this.outbox.appendMany(
      m,
      decided.map((d) => ({
        type: REVIEW_DECIDED,
        parent,
        child,
        payload: {
          storyId: d.story_id,
          version: d.version,
          hubCode: parent,
          decision: d.status,
          reason: d.reason,
          decidedBy: d.decided_by,
          decidedAt: d.decided_at.toISOString(),
        },
      })),
    );
    this.logger.warn({ msg: 'decisions the origin had not applied were sent again', hub: parent, child, storyIds: decided.map((d) => d.story_id) });
    return decided.map((d) => d.story_id);
  }
}
