import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { mkdir, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { DataSource, EntityManager } from 'typeorm';
import { MediaEnv } from './media-env';
import { KIND_LABELS, MediaKind, mediaUrlOf } from './media-kind';
import { MediaRefused } from './media-refused';
import { MediaSignals } from './media-signals';
import { MediaTypeNotAccepted } from './media-type-not-accepted';
import { MediaProbe, MediaView, RenditionView } from './media-view';
import { sniffFile } from './sniff-mime';
import { sha256OfFile } from './store/hash-file';
import { MEDIA_STORE, MediaStore } from './store/media-store';

interface ObjectRow {
  sha256: string;
  size: string;
  mime: string;
  kind: MediaKind;
  status: MediaView['status'];
  progress: number;
  probe: MediaProbe | null;
  error: string | null;
}

/**
 * The media a process holds: takes a finished scratch file (from a multipart upload, a tus upload
 * or a neighbour's transfer), checks what the bytes are and how big, stores them under their hash
 * and records which hosted center holds them. Processing is queued in the same transaction.
 */
@Injectable()
export class MediaLibrary implements OnModuleInit {
  readonly scratch: string;

  constructor(
    @Inject(MEDIA_STORE) readonly store: MediaStore,
    private readonly env: MediaEnv,
    private readonly dataSource: DataSource,
    private readonly signals: MediaSignals,
  ) {
    this.scratch = resolve(env.MEDIA_DIR, 'scratch');
  }

  async onModuleInit() {
    await mkdir(this.scratch, { recursive: true });
  }

  scratchPath(name: string): string {
    return join(this.scratch, name);
  }

  limitOf(kind: MediaKind): number {
    switch (kind) {
      case 'image':
        return this.env.MEDIA_IMAGE_MAX_BYTES;
      case 'video':
        return this.env.MEDIA_VIDEO_MAX_BYTES;
      case 'audio':
        return this.env.MEDIA_AUDIO_MAX_BYTES;
      case 'document':
        return this.env.MEDIA_DOCUMENT_MAX_BYTES;
    }
  }

  /** The largest file any kind may be: what an upload is cut off at before its kind is known. */
  maxBytes(): number {
    return Math.max(this.env.MEDIA_IMAGE_MAX_BYTES, this.env.MEDIA_VIDEO_MAX_BYTES, this.env.MEDIA_AUDIO_MAX_BYTES, this.env.MEDIA_DOCUMENT_MAX_BYTES);
  }

  /**
   * A file uploaded at `center` by a desk user. Refused files are deleted and answered with a
   * MediaRefused naming the field; accepted ones are stored once however often they are uploaded.
   */
  async ingestUpload(center: string, path: string, by: string): Promise<MediaView> {
    try {
      const type = await sniffFile(path);
      if (!type) throw MediaRefused.badType();
      const { sha256, size } = await sha256OfFile(path);
      const limit = this.limitOf(type.kind);
      if (size > limit) throw MediaRefused.tooLarge(KIND_LABELS[type.kind], size, limit);
      await this.store.putFile(sha256, path, size);
      await this.dataSource.transaction((m) => this.record(m, { center, sha256, size, mime: type.mime, kind: type.kind, uploaded: true, by }));
      this.signals.jobQueued();
      return (await this.view(sha256))!;
    } finally {
      await rm(path, { force: true });
    }
  }

  /** Bytes a neighbour sent whose hash the receiver has just verified (`size` from that pass); the type is sniffed here again, never taken on trust. */
  async ingestTransferred(m: EntityManager, center: string, sha256: string, path: string, size: number): Promise<void> {
    const type = await sniffFile(path);
    if (!type) throw new MediaTypeNotAccepted(sha256);
    await this.store.putFile(sha256, path, size);
    await this.record(m, { center, sha256, size, mime: type.mime, kind: type.kind, uploaded: false, by: null });
  }

  async record(
    m: EntityManager,
    o: { center: string; sha256: string; size: number; mime: string; kind: MediaKind; uploaded: boolean; by: string | null },
  ): Promise<void> {
    const inserted: unknown[] = await m.query(
      `INSERT INTO media_objects (sha256, size, mime, kind) VALUES ($1, $2, $3, $4) ON CONFLICT (sha256) DO NOTHING RETURNING sha256`,
      [o.sha256, o.size, o.mime, o.kind],
    );
    await m.query(
      `INSERT INTO media_holdings (center_code, sha256, uploaded, uploaded_by) VALUES ($1, $2, $3, $4)
       ON CONFLICT (center_code, sha256) DO UPDATE SET uploaded = media_holdings.uploaded OR EXCLUDED.uploaded`,
      [o.center, o.sha256, o.uploaded, o.by],
    );
    // Bytes already here were processed (or are being processed) already.
    if (inserted.length > 0) {
      await m.query(`INSERT INTO media_jobs (sha256) VALUES ($1) ON CONFLICT (sha256) WHERE state IN ('queued','running') DO NOTHING`, [o.sha256]);
    }
  }

  signalJob(): void {
    this.signals.jobQueued();
  }

  async view(sha256: string): Promise<MediaView | undefined> {
    const [row]: ObjectRow[] = await this.dataSource.query(
      `SELECT sha256, size, mime, kind, status, progress, probe, error FROM media_objects WHERE sha256 = $1`,
      [sha256],
    );
    if (!row) return undefined;
    const renditions: Array<{ name: string; rendition_sha256: string; mime: string; size: string; width: number | null; height: number | null }> =
      await this.dataSource.query(`SELECT name, rendition_sha256, mime, size, width, height FROM media_renditions WHERE sha256 = $1 ORDER BY name`, [sha256]);
    return {
      sha256: row.sha256,
      url: mediaUrlOf(row.sha256),
      kind: row.kind,
      mime: row.mime,
      size: Number(row.size),
      status: row.status,
      progress: row.progress,
      probe: row.probe,
      error: row.error,
      renditions: renditions.map((r): RenditionView => ({
        name: r.name,
        sha256: r.rendition_sha256,
        mime: r.mime,
        size: Number(r.size),
        width: r.width,
        height: r.height,
      })),
    };
  }

  async holds(center: string, sha256: string): Promise<{ uploaded: boolean } | undefined> {
    const [row]: Array<{ uploaded: boolean }> = await this.dataSource.query(`SELECT uploaded FROM media_holdings WHERE center_code = $1 AND sha256 = $2`, [
      center,
      sha256,
    ]);
    return row;
  }
}
