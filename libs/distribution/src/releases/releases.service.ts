import { API_ERROR_CODES, StateConflict } from '@syn/api-errors';
import { BadRequestException, Injectable, Logger, NotFoundException } from '@nestjs/common';
import { actorOf, AuditLog } from '@syn/audit';
import type { Principal } from '@syn/auth';
import { RELEASE_ISSUED, RELEASE_WITHDRAWN, ReleaseIssued, ReleaseRepublished, ReleaseWithdrawn, StoryContent, StorySnapshot } from '@syn/contracts';
import { PoolStoryEntity, snapshotFromPoolRow } from '@syn/hub';
import { CenterDirectory } from '@syn/network';
import { decodeCursor, encodeCursor } from '@syn/persistence';
import { contentHash } from '@syn/story';
import { DataSource, EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { LedgerService } from '../ledger/ledger.service';
import { releaseContent } from './release-content';
import { CorrectReleaseDto, IssueReleaseDto, ReleasesQuery } from './release.dto';
import { TreeTransport } from '@syn/messaging';

interface ReleaseRow {
  release_id: string;
  issuer_code: string;
  revision: number;
  story: StorySnapshot;
  note: string | null;
  targets: string[];
  status: 'active' | 'withdrawn';
  issued_by: string;
  issued_at: Date;
  revised_at: Date;
  withdrawn_by: string | null;
  withdrawn_at: Date | null;
  withdraw_reason: string | null;
}

interface ReceiptRow {
  republisher_code: string;
  republished_by: string;
  republished_at: Date;
}

const STATUS_LABELS = { active: '已下发', withdrawn: '已撤稿' } as const;

/** 通稿 pushed down by a province or a city; corrections and takedowns follow the delivery ledger. */
@Injectable()
export class ReleasesService {
  private readonly logger = new Logger('Releases');

  constructor(
    private readonly dataSource: DataSource,
    private readonly directory: CenterDirectory,
    private readonly transport: TreeTransport,
    private readonly ledger: LedgerService,
    private readonly audit: AuditLog,
  ) {}

  async issue(issuer: string, dto: IssueReleaseDto, by: Principal) {
    if (dto.storyId && dto.story)
      throw new BadRequestException({ statusCode: 400, message: ['storyId: give storyId or story, not both'], fields: ['storyId', 'story'] });
    const targets = dto.targets ?? this.directory.childrenOf(issuer).map((c) => c.code);
    const outside = this.directory.targetsOutside(issuer, targets);
    if (outside.length)
      throw new BadRequestException({ statusCode: 400, message: [`targets: ${outside.join(', ')} not below center ${issuer}`], fields: ['targets'] });
    if (targets.length === 0)
      throw new BadRequestException({ statusCode: 400, message: [`targets: center ${issuer} has no centers below it`], fields: ['targets'] });
    const releaseId = uuidv7();
    const now = new Date();
    await this.dataSource.transaction(async (m) => {
      const story = dto.story ? this.written(issuer, releaseContent(issuer, dto.story), now) : await this.fromPool(m, issuer, dto.storyId!);
      await m.query(
        `INSERT INTO releases (release_id, issuer_code, revision, story, note, targets, status, issued_by, issued_at, revised_at) VALUES ($1,$2,1,$3,$4,$5,'active',$6,$7,$7)`,
        [releaseId, issuer, JSON.stringify(story), dto.note?.trim() || null, targets, by.name, now],
      );
      const payload: ReleaseIssued = {
        releaseId,
        issuerCode: issuer,
        revision: 1,
        story,
        note: dto.note?.trim() || null,
        targets,
        issuedBy: by.name,
        issuedAt: now.toISOString(),
      };
      await this.transport.fanOut(
        m,
        { kind: 'release', id: releaseId, version: 1 },
        issuer,
        this.directory.childrenToward(issuer, targets),
        RELEASE_ISSUED,
        payload,
      );
      await this.audit.record(m, {
        center: issuer,
        storyId: null,
        subject: `release:${releaseId}`,
        actor: actorOf(by),
        action: 'release.issued',
        before: null,
        after: { title: story.title, storyId: dto.storyId ?? null, targets, embargoUntil: story.embargoUntil ?? null },
        at: now,
      });
    });
    this.logger.log({ msg: 'release issued', center: issuer, releaseId, targets, by: by.userId });
    return this.get(issuer, releaseId);
  }

  /** 更正: a new revision of the release's story goes to every center the release went to. */
  async correct(issuer: string, releaseId: string, dto: CorrectReleaseDto, by: Principal) {
    await this.dataSource.transaction(async (m) => {
      const r = await this.lock(m, issuer, releaseId);
      if (r.status === 'withdrawn')
        throw new StateConflict(API_ERROR_CODES.releaseWithdrawn, `release ${releaseId} of ${issuer} was withdrawn; it cannot be corrected`);
      const prior = r.story;
      const merged = releaseContent(issuer, { ...prior, ...stripUndefined(dto) } as never, prior.priority);
      const hash = contentHash(merged);
      if (hash === prior.contentHash) return;
      const now = new Date();
      const story: StorySnapshot = { ...prior, ...merged, version: prior.version + 1, contentHash: hash, updatedAt: now.toISOString() };
      const revision = r.revision + 1;
      await m.query(`UPDATE releases SET story = $2, revision = $3, revised_at = $4 WHERE release_id = $1`, [releaseId, JSON.stringify(story), revision, now]);
      const payload: ReleaseIssued = {
        releaseId,
        issuerCode: issuer,
        revision,
        story,
        note: r.note,
        targets: r.targets,
        issuedBy: by.name,
        issuedAt: now.toISOString(),
      };
      const reached = await this.transport.follow(m, { kind: 'release', id: releaseId, version: revision }, issuer, RELEASE_ISSUED, payload, 'correction');
      await this.audit.record(m, {
        center: issuer,
        storyId: null,
        subject: `release:${releaseId}`,
        actor: actorOf(by),
        action: 'release.corrected',
        before: { revision: r.revision, title: prior.title, contentHash: prior.contentHash },
        after: { revision, title: story.title, contentHash: story.contentHash, reached },
        at: now,
      });
      this.logger.log({ msg: 'release corrected', center: issuer, releaseId, revision, reached, by: by.userId });
    });
    return this.get(issuer, releaseId);
  }

  /** 撤稿: the takedown follows the release to every copy; a tombstone, never undone. */
  async withdraw(issuer: string, releaseId: string, reason: string, by: Principal) {
    await this.dataSource.transaction(async (m) => {
      const r = await this.lock(m, issuer, releaseId);
      if (r.status === 'withdrawn')
        throw new StateConflict(API_ERROR_CODES.releaseWithdrawn, `release ${releaseId} of ${issuer} was already withdrawn by ${r.withdrawn_by}`);
      const now = new Date();
      await m.query(`UPDATE releases SET status = 'withdrawn', withdrawn_by = $2, withdrawn_at = $3, withdraw_reason = $4 WHERE release_id = $1`, [
        releaseId,
        by.name,
        now,
        reason.trim(),
      ]);
      const payload: ReleaseWithdrawn = { releaseId, issuerCode: issuer, reason: reason.trim(), withdrawnBy: by.name, withdrawnAt: now.toISOString() };
      const reached = await this.transport.follow(m, { kind: 'release', id: releaseId }, issuer, RELEASE_WITHDRAWN, payload, 'withdrawal');
      await this.audit.record(m, {
        center: issuer,
        storyId: null,
        subject: `release:${releaseId}`,
        actor: actorOf(by),
        action: 'release.withdrawn',
        before: { status: r.status },
        after: { status: 'withdrawn', reason: payload.reason, reached },
        at: now,
      });
      this.logger.log({ msg: 'release withdrawn', center: issuer, releaseId, reached, by: by.userId });
    });
    return this.get(issuer, releaseId);
  }

  /** A republish receipt reached the issuer: kept with the release and put on the ledger. */
  async recordReceipt(m: EntityManager, issuer: string, r: ReleaseRepublished): Promise<'recorded' | 'repeat' | 'unknown-release' | 'not-targeted'> {
    const rows: ReleaseRow[] = await m.query(`SELECT * FROM releases WHERE release_id = $1 AND issuer_code = $2`, [r.releaseId, issuer]);
    const release = rows[0];
    if (!release) return 'unknown-release';
    if (!this.directory.targetCovering(r.republisherCode, release.targets)) return 'not-targeted';
    const inserted: unknown[] = await m.query(
      `INSERT INTO release_receipts (release_id, republisher_code, republished_by, republished_at) VALUES ($1,$2,$3,$4) ON CONFLICT DO NOTHING RETURNING release_id`,
      [r.releaseId, r.republisherCode, r.republishedBy, r.republishedAt],
    );
    if (inserted.length === 0) return 'repeat';
    const s = release.story;
    await this.ledger.record(m, issuer, {
      kind: 'republished',
      storyId: s.id,
      storyVersion: s.version,
      originCode: s.originCode,
      authors: s.authors.map((a) => a.name),
      actorCode: r.republisherCode,
      refId: r.releaseId,
      occurredAt: r.republishedAt,
    });
    return 'recorded';
  }

  async list(issuer: string, q: ReleasesQuery) {
    const limit = q.limit ? Number(q.limit) : 50;
    const after = decodeCursor(q.cursor);
    const params: unknown[] = [issuer, limit + 1];
    let where = 'issuer_code = $1';
    if (after) where += ` AND (issued_at, release_id) < ($${params.push(after.at)}, $${params.push(after.id)})`;
    const rows: ReleaseRow[] = await this.dataSource.query(`SELECT * FROM releases WHERE ${where} ORDER BY issued_at DESC, release_id DESC LIMIT $2`, params);
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    return {
      items: await Promise.all(items.map((r) => this.view(r))),
      nextCursor: rows.length > limit && last ? encodeCursor({ at: last.issued_at.toISOString(), id: last.release_id }) : null,
    };
  }

  async get(issuer: string, releaseId: string) {
    const rows: ReleaseRow[] = await this.dataSource.query(`SELECT * FROM releases WHERE release_id = $1 AND issuer_code = $2`, [releaseId, issuer]);
    if (!rows[0]) throw new NotFoundException(`release ${releaseId} was not issued by center ${issuer}`);
    return this.view(rows[0]);
  }

  private async view(r: ReleaseRow) {
    const receipts: ReceiptRow[] = await this.dataSource.query(
      `SELECT republisher_code, republished_by, republished_at FROM release_receipts WHERE release_id = $1 ORDER BY republished_at, republisher_code`,
      [r.release_id],
    );
    const targets = r.targets.map((code) => {
      const mine = receipts.filter((x) => this.directory.targetCovering(x.republisher_code, r.targets) === code);
      return {
        code,
        name: this.nameOf(code),
        republished: mine.length > 0,
        statusLabel: mine.length > 0 ? '已转载' : '未转载',
        republishers: mine.map((x) => ({
          code: x.republisher_code,
          name: this.nameOf(x.republisher_code),
          republishedBy: x.republished_by,
          republishedAt: x.republished_at.toISOString(),
        })),
      };
    });
    return {
      releaseId: r.release_id,
      issuer: { code: r.issuer_code, name: this.nameOf(r.issuer_code) },
      revision: r.revision,
      status: r.status,
      statusLabel: STATUS_LABELS[r.status],
      story: r.story,
      note: r.note,
      issuedBy: r.issued_by,
      issuedAt: r.issued_at.toISOString(),
      revisedAt: r.revised_at.toISOString(),
      withdrawnBy: r.withdrawn_by,
      withdrawnAt: r.withdrawn_at?.toISOString() ?? null,
      withdrawReason: r.withdraw_reason,
      summary: { targets: targets.length, republished: targets.filter((t) => t.republished).length, republishers: receipts.map((x) => x.republisher_code) },
      targets,
    };
  }

  private written(issuer: string, content: StoryContent, now: Date): StorySnapshot {
    return {
      ...content,
      id: uuidv7(),
      originCode: issuer,
      version: 1,
      contentHash: contentHash(content),
      createdAt: now.toISOString(),
      updatedAt: now.toISOString(),
    };
  }

  private async fromPool(m: EntityManager, issuer: string, storyId: string): Promise<StorySnapshot> {
    const row = await m.getRepository(PoolStoryEntity).findOneBy({ storyId, hubCode: issuer });
    if (!row) throw new NotFoundException(`story ${storyId} is not in the pool of ${issuer}`);
    return snapshotFromPoolRow(row);
  }

  private async lock(m: EntityManager, issuer: string, releaseId: string): Promise<ReleaseRow> {
    const rows: ReleaseRow[] = await m.query(`SELECT * FROM releases WHERE release_id = $1 AND issuer_code = $2 FOR UPDATE`, [releaseId, issuer]);
    if (!rows[0]) throw new NotFoundException(`release ${releaseId} was not issued by center ${issuer}`);
    return rows[0];
  }

  private nameOf(code: string) {
    return this.directory.has(code) ? this.directory.get(code).name : code;
  }
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
