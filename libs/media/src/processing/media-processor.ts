import { Injectable } from '@nestjs/common';
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { v7 as uuidv7 } from 'uuid';
import { DataSource } from 'typeorm';
import { MediaLibrary } from '../media-library';
import type { MediaKind } from '../media-kind';
import { sha256OfFile } from '../store/hash-file';
import { posterFrame, probeMedia } from './ffmpeg';
import { IMAGE_RENDITIONS, renderImage, RenditionSpec } from './image-renditions';

/** Makes an object's renditions and probe; reports progress on the object's row as it goes. */
@Injectable()
export class MediaProcessor {
  constructor(
    private readonly library: MediaLibrary,
    private readonly dataSource: DataSource,
  ) {}

  async process(sha256: string, kind: MediaKind): Promise<void> {
    await this.progress(sha256, 'processing', 5);
    await this.withLocalFile(sha256, async (path) => {
      if (kind === 'image') {
        await this.renditions(sha256, path, IMAGE_RENDITIONS, 10);
      } else if (kind === 'video' || kind === 'audio') {
        const probe = await probeMedia(path);
        await this.dataSource.query(`UPDATE media_objects SET probe = $2, progress = 40, updated_at = now() WHERE sha256 = $1`, [sha256, probe]);
        if (kind === 'video' && probe.videoCodec) {
          const poster = this.library.scratchPath(`${uuidv7()}.jpg`);
          try {
            await posterFrame(path, poster, probe.durationSeconds);
            await this.renditions(
              sha256,
              poster,
              IMAGE_RENDITIONS.map((r) => ({ ...r, name: r.name === 'thumbnail' ? 'poster-thumbnail' : r.name === 'web' ? 'poster' : 'poster-webp' })),
              60,
            );
          } finally {
            await rm(poster, { force: true });
          }
        }
      }
    });
    await this.progress(sha256, 'ready', 100);
  }

  private async renditions(sha256: string, input: string, specs: RenditionSpec[], from: number): Promise<void> {
    for (const [i, spec] of specs.entries()) {
      const out = this.library.scratchPath(`${uuidv7()}.${spec.format === 'jpeg' ? 'jpg' : 'webp'}`);
      try {
        const { width, height } = await renderImage(input, out, spec);
        const hashed = await sha256OfFile(out);
        await this.library.store.putFile(hashed.sha256, out, hashed.size);
        await this.dataSource.query(
          `INSERT INTO media_renditions (sha256, name, rendition_sha256, mime, size, width, height) VALUES ($1, $2, $3, $4, $5, $6, $7)
           ON CONFLICT (sha256, name) DO UPDATE SET rendition_sha256 = EXCLUDED.rendition_sha256, size = EXCLUDED.size, width = EXCLUDED.width, height = EXCLUDED.height`,
          [sha256, spec.name, hashed.sha256, spec.mime, hashed.size, width, height],
        );
        await this.progress(sha256, 'processing', Math.round(from + ((100 - from) * (i + 1)) / (specs.length + 1)));
      } finally {
        await rm(out, { force: true });
      }
    }
  }

  private async progress(sha256: string, status: 'processing' | 'ready', progress: number): Promise<void> {
    await this.dataSource.query(`UPDATE media_objects SET status = $2, progress = $3, error = NULL, updated_at = now() WHERE sha256 = $1`, [
      sha256,
      status,
      progress,
    ]);
  }

  /** sharp and ffmpeg read files: the local store's own file, or a scratch copy of an S3 object. */
  private async withLocalFile(sha256: string, fn: (path: string) => Promise<void>): Promise<void> {
    const local = this.library.store.localPath(sha256);
    if (local) return fn(local);
    const copy = this.library.scratchPath(`${uuidv7()}.src`);
    try {
      await pipeline(await this.library.store.read(sha256), createWriteStream(copy));
      await fn(copy);
    } finally {
      await rm(copy, { force: true });
    }
  }
}
