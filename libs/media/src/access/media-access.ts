import { Injectable } from '@nestjs/common';
import { CenterDirectory } from '@syn/network';
import { DataSource } from 'typeorm';

/**
 * Who may see an object at a center: its own upload (the newsroom that holds it), or a live link
 * from a story the center holds, with the story's embargo: until it passes only the origin and
 * its hub see the media, exactly as for the story itself.
 */
@Injectable()
export class MediaAccess {
  constructor(
    private readonly dataSource: DataSource,
    private readonly directory: CenterDirectory,
  ) {}

  async visible(center: string, sha256: string, now = new Date()): Promise<boolean> {
    const rows: Array<{ uploaded: boolean | null; origin_code: string | null; embargo_until: Date | null }> = await this.dataSource.query(
      `SELECT h.uploaded, l.origin_code, l.embargo_until
         FROM media_holdings h LEFT JOIN media_links l ON l.center_code = h.center_code AND l.sha256 = h.sha256
        WHERE h.center_code = $1 AND h.sha256 = $2`,
      [center, sha256],
    );
    return rows.some(
      (r) =>
        r.uploaded ||
        (r.origin_code !== null &&
          (r.embargo_until === null ||
            r.embargo_until <= now ||
            r.origin_code === center ||
            (this.directory.has(r.origin_code) && this.directory.get(r.origin_code).parent === center))),
    );
  }

  /** The object a variant names: the original itself or one of its renditions. */
  async resolveVariant(sha256: string, variant: string): Promise<{ sha256: string; mime: string } | undefined> {
    const [row]: Array<{ sha256: string; mime: string }> =
      variant === 'original'
        ? await this.dataSource.query(`SELECT sha256, mime FROM media_objects WHERE sha256 = $1`, [sha256])
        : await this.dataSource.query(`SELECT rendition_sha256 AS sha256, mime FROM media_renditions WHERE sha256 = $1 AND name = $2`, [sha256, variant]);
    return row;
  }
}
