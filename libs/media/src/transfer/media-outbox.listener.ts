import { BadRequestException, Injectable, OnModuleInit } from '@nestjs/common';
import { RELEASE_ISSUED, STORY_WITHDRAWN, StorySnapshot, StoryWithdrawn } from '@syn/contracts';
import { AppendedEvent, OutboxWriter } from '@syn/messaging';
import { DeferredInserts } from '@syn/persistence';
import type { EntityManager } from 'typeorm';
import { sha256OfMediaUrl } from '../media-kind';
import { MediaSignals } from '../media-signals';
import { withdrawMedia } from './media-copy.keeper';
import { MediaGc } from './media-gc';
import { linksOf, MediaLink, upsertLinks } from './media-links';

/**
 * Media follow their story without anyone moving files: whenever an event carrying a story's full
 * snapshot goes up (上报, 入库 to the province, a correction, a republication), the media its
 * MediaRefs name are queued for that neighbour in the same transaction, so the event and the
 * transfer commit together or not at all. A takedown sent by the origin removes its own media too.
 */
@Injectable()
export class MediaOutboxListener implements OnModuleInit {
  constructor(
    private readonly outbox: OutboxWriter,
    private readonly signals: MediaSignals,
    private readonly gc: MediaGc,
    private readonly deferred: DeferredInserts,
  ) {}

  onModuleInit() {
    this.outbox.onAppend((m, events) => this.onAppend(m, events));
  }

  async onAppend(m: EntityManager, events: readonly AppendedEvent[]): Promise<void> {
    await this.refuseMediaTheOriginLacks(m, events);
    const links: MediaLink[] = [];
    const transfers: Array<MediaLink & { to: string }> = [];
    for (const { envelope, route } of events) {
      if (envelope.type === STORY_WITHDRAWN) {
        const w = envelope.payload as StoryWithdrawn;
        if (w.originCode === envelope.sender) await withdrawMedia(m, this.gc, envelope.sender, w.storyId, true);
        continue;
      }
      const story = (envelope.payload as { story?: StorySnapshot }).story;
      if (!story) continue;
      for (const link of linksOf(envelope.sender, story)) {
        links.push(link);
        if (route.direction === 'up') transfers.push({ ...link, to: route.parent });
      }
    }
    await upsertLinks(m, links);
    if (transfers.length === 0) return;
    await m.query(
      `INSERT INTO media_transfers (from_center, to_center, story_id, sha256, origin_code, kind, caption, embargo_until)
       SELECT * FROM unnest($1::char(6)[], $2::char(6)[], $3::uuid[], $4::char(64)[], $5::char(6)[], $6::text[], $7::text[], $8::timestamptz[])
       ON CONFLICT (from_center, to_center, story_id, sha256) DO UPDATE
         SET caption = EXCLUDED.caption, embargo_until = EXCLUDED.embargo_until,
             -- a newer version re-announces caption and embargo to the receiver
             state = 'queued', next_attempt_at = now(), attempts = 0`,
      [
        transfers.map((t) => t.center),
        transfers.map((t) => t.to),
        transfers.map((t) => t.storyId),
        transfers.map((t) => t.sha256),
        transfers.map((t) => t.originCode),
        transfers.map((t) => t.kind),
        transfers.map((t) => t.caption),
        transfers.map((t) => t.embargoUntil),
      ],
    );
    this.deferred.afterCommit(m, () => this.signals.transferQueued());
  }

  /**
   * The origin sends a story up (上报, a correction) only with media its own library holds: a
   * `media:` ref naming bytes it never had would queue a transfer that can never succeed and is
   * retried for ever. Refused here, inside the sending transaction, the story stays where it was and
   * the editor gets a 400 naming the ref. Hubs and siblings pass on refs they hold only once their
   * transfer arrives, so only the origin is held to this.
   */
  private async refuseMediaTheOriginLacks(m: EntityManager, events: readonly AppendedEvent[]): Promise<void> {
    const wanted: Array<{ center: string; field: string; sha256: string; storyId: string; verb: string }> = [];
    for (const { envelope, route } of events) {
      const story = (envelope.payload as { story?: StorySnapshot }).story;
      if (!story?.mediaRefs?.length) continue;
      // Sent up by its origin, or released down by the center that wrote it: the children will pull from here.
      const own = story.originCode === envelope.sender;
      const verb = route.direction === 'up' ? '上报' : envelope.type === RELEASE_ISSUED ? '下发' : undefined;
      if (!own || !verb) continue;
      story.mediaRefs.forEach((ref, i) => {
        const sha256 = sha256OfMediaUrl(ref.url);
        if (sha256) wanted.push({ center: envelope.sender, field: `mediaRefs[${i}].url`, sha256, storyId: story.id, verb });
      });
    }
    if (wanted.length === 0) return;
    const held: Array<{ center_code: string; sha256: string }> = await m.query(
      `SELECT h.center_code, h.sha256 FROM media_holdings h JOIN unnest($1::char(6)[], $2::char(64)[]) AS w(center_code, sha256)
          ON h.center_code = w.center_code AND h.sha256 = w.sha256`,
      [wanted.map((w) => w.center), wanted.map((w) => w.sha256)],
    );
    const holds = new Set(held.map((h) => `${h.center_code}|${h.sha256}`));
    const missing = wanted.filter((w) => !holds.has(`${w.center}|${w.sha256}`));
    if (missing.length === 0) return;
    throw new BadRequestException({
      statusCode: 400,
      message: missing.map((w) => `${w.field}: 本中心媒体库中没有此文件，请先上传再${w.verb} (story ${w.storyId}, media ${w.sha256}, center ${w.center})`),
      fields: [...new Set(missing.map((w) => w.field))],
    });
  }
}
