import { API_ERROR_CODES, StateConflict } from '@syn/api-errors';
import { Injectable, Logger, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import { actorOf, AuditLog } from '@syn/audit';
import type { Principal } from '@syn/auth';
import { RELEASE_REPUBLISHED, StorySnapshot } from '@syn/contracts';
import { CenterDirectory } from '@syn/network';
import { decodeCursor, encodeCursor } from '@syn/persistence';
import { DataSource } from 'typeorm';
import { TreeTransport } from '@syn/messaging';

interface ReleaseInboxRow {
  release_id: string;
  issuer_code: string;
  revision: number;
  title: string | null;
  story: StorySnapshot | null;
  note: string | null;
  targeted: boolean;
  status: 'received' | 'republished' | 'withdrawn';
  issued_by: string | null;
  issued_at: Date | null;
  received_at: Date;
  revised_at: Date | null;
  republished_by: string | null;
  republished_at: Date | null;
  withdrawn_at: Date | null;
  withdraw_reason: string | null;
}

/** The release's embargo (禁发) while it has not passed, else null. */
function embargoOf(r: Pick<ReleaseInboxRow, 'story'>, now: Date): string | null {
  const until = r.story?.embargoUntil;
  return until && Date.parse(until) > now.getTime() ? new Date(until).toISOString() : null;
}

const STATUS_LABELS = { received: '待转载', republished: '已转载', withdrawn: '已撤稿，请撤下' } as const;

/** Releases (通稿) received from above: republish one, and a receipt goes back up to its issuer. */
@Injectable()
export class ReleaseInboxService {
  private readonly logger = new Logger('ReleaseInbox');

  constructor(
    private readonly dataSource: DataSource,
    private readonly directory: CenterDirectory,
    private readonly transport: TreeTransport,
    private readonly audit: AuditLog,
  ) {}

  async list(center: string, q: { cursor?: string; limit?: string }) {
    const limit = q.limit ? Number(q.limit) : 50;
    const after = decodeCursor(q.cursor);
    const params: unknown[] = [center, limit + 1];
    let where = 'center_code = $1';
    if (after) where += ` AND (received_at, release_id) < ($${params.push(after.at)}, $${params.push(after.id)})`;
    const rows: ReleaseInboxRow[] = await this.dataSource.query(
      `SELECT * FROM release_inbox WHERE ${where} ORDER BY received_at DESC, release_id DESC LIMIT $2`,
      params,
    );
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    return {
      items: items.map((r) => this.view(r)),
      nextCursor: rows.length > limit && last ? encodeCursor({ at: last.received_at.toISOString(), id: last.release_id }) : null,
    };
  }

  async get(center: string, releaseId: string) {
    const rows: ReleaseInboxRow[] = await this.dataSource.query(`SELECT * FROM release_inbox WHERE center_code = $1 AND release_id = $2`, [center, releaseId]);
    if (!rows[0]) throw new NotFoundException(`release ${releaseId} is not in the release inbox of center ${center}`);
    return this.view(rows[0]);
  }

  /** 转载: mark it republished here and send the receipt up, in one transaction. */
  async republish(center: string, releaseId: string, by: Principal) {
    await this.dataSource.transaction(async (m) => {
      const rows: ReleaseInboxRow[] = await m.query(`SELECT * FROM release_inbox WHERE center_code = $1 AND release_id = $2 FOR UPDATE`, [center, releaseId]);
      const r = rows[0];
      if (!r) throw new NotFoundException(`release ${releaseId} is not in the release inbox of center ${center}`);
      if (r.status === 'withdrawn')
        throw new StateConflict(API_ERROR_CODES.releaseWithdrawn, `release ${releaseId} was withdrawn by ${r.issuer_code}: ${r.withdraw_reason}`);
      if (r.status === 'republished')
        throw new StateConflict(API_ERROR_CODES.alreadyRepublished, `release ${releaseId} was already republished at ${center} by ${r.republished_by}`);
      if (!r.targeted) throw new UnprocessableEntityException(`center ${center} only relays release ${releaseId}; it is not one of its targets`);
      const now = new Date();
      const until = embargoOf(r, now);
      if (until) throw new UnprocessableEntityException(`release ${releaseId} is embargoed until ${until}; it can be republished after that`);
      await m.query(`UPDATE release_inbox SET status = 'republished', republished_by = $3, republished_at = $4 WHERE center_code = $1 AND release_id = $2`, [
        center,
        releaseId,
        by.name,
        now,
      ]);
      await this.audit.record(m, {
        center,
        storyId: null,
        subject: `release:${releaseId}`,
        actor: actorOf(by),
        action: 'release.republished',
        before: { status: r.status },
        after: { status: 'republished', issuerCode: r.issuer_code, revision: r.revision },
        at: now,
      });
      await this.transport.up(m, { kind: 'release-receipt', id: releaseId }, center, RELEASE_REPUBLISHED, {
        releaseId,
        issuerCode: r.issuer_code,
        republisherCode: center,
        republishedBy: by.name,
        republishedAt: now.toISOString(),
      });
    });
    this.logger.log({ msg: 'release republished', center, releaseId, by: by.userId });
    return this.get(center, releaseId);
  }

  private view(r: ReleaseInboxRow) {
    const embargoedUntil = embargoOf(r, new Date());
    // The server enforces the embargo: nothing of the text leaves it early, whoever asks.
    return {
      embargoedUntil,
      releaseId: r.release_id,
      issuer: { code: r.issuer_code, name: this.nameOf(r.issuer_code) },
      revision: r.revision,
      status: r.status,
      statusLabel: STATUS_LABELS[r.status],
      targeted: r.targeted,
      title: embargoedUntil ? null : r.title,
      story: embargoedUntil ? null : r.story,
      note: r.note,
      issuedBy: r.issued_by,
      issuedAt: r.issued_at?.toISOString() ?? null,
      receivedAt: r.received_at.toISOString(),
      revisedAt: r.revised_at?.toISOString() ?? null,
      republishedBy: r.republished_by,
      republishedAt: r.republished_at?.toISOString() ?? null,
      withdrawnAt: r.withdrawn_at?.toISOString() ?? null,
      withdrawReason: r.withdraw_reason,
    };
  }

  private nameOf(code: string) {
    return this.directory.has(code) ? this.directory.get(code).name : code;
  }
}
