import { Controller, ForbiddenException, Get, Param, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { API_ERROR_CODES } from '@syn/api-errors';
import { Public } from '@syn/auth';
import type { Request, Response } from 'express';
import parseRange from 'range-parser';
import { pipeline } from 'node:stream/promises';
import { MediaLibrary } from '../media-library';
import { SHA256_HEX } from '../media-kind';
import { MediaAccess } from './media-access';
import { MediaUrlSigner } from './media-url-signer';

function refused(why: string): ForbiddenException {
  return new ForbiddenException({ statusCode: 403, code: API_ERROR_CODES.mediaLinkInvalid, message: [`媒体链接已失效 (${why})`] });
}

/**
 * Serves media bytes behind a signed link, with HTTP Range so a video can start and seek without
 * loading the whole file. Access is checked again here: a takedown after the link was issued wins.
 */
@ApiExcludeController()
@Controller('api/v1/media')
export class MediaFilesController {
  constructor(
    private readonly library: MediaLibrary,
    private readonly access: MediaAccess,
    private readonly signer: MediaUrlSigner,
  ) {}

  @Public()
  @Get(':center/:sha256/:variant')
  async serve(
    @Param('center') center: string,
    @Param('sha256') sha256: string,
    @Param('variant') variant: string,
    @Query('exp') exp: string | undefined,
    @Query('sig') sig: string | undefined,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    if (!/^\d{6}$/.test(center) || !SHA256_HEX.test(sha256) || !this.signer.verify({ center, sha256, variant }, exp, sig)) throw refused('expired or altered');
    if (!(await this.access.visible(center, sha256))) throw refused('not served here');
    const target = await this.access.resolveVariant(sha256, variant);
    if (!target) throw refused('no such rendition');
    res.setHeader('Content-Type', target.mime);
    res.setHeader('Cache-Control', 'private, max-age=300');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    const local = this.library.store.localPath(target.sha256);
    if (local) {
      await new Promise<void>((resolve, reject) =>
        res.sendFile(local, { acceptRanges: true, cacheControl: false, dotfiles: 'allow' }, (e) => (e ? reject(e) : resolve())),
      );
      return;
    }
    const size = await this.library.store.sizeOf(target.sha256);
    if (size === null) throw refused('bytes missing');
    const ranges = req.headers.range ? parseRange(size, req.headers.range) : undefined;
    res.setHeader('Accept-Ranges', 'bytes');
    if (Array.isArray(ranges) && ranges.length === 1) {
      const [r] = ranges;
      res.status(206).setHeader('Content-Range', `bytes ${r.start}-${r.end}/${size}`);
      res.setHeader('Content-Length', String(r.end - r.start + 1));
      await pipeline(await this.library.store.read(target.sha256, r), res);
      return;
    }
    if (ranges === -1) {
      res.status(416).setHeader('Content-Range', `bytes */${size}`);
      res.end();
      return;
    }
    res.setHeader('Content-Length', String(size));
    await pipeline(await this.library.store.read(target.sha256), res);
  }
}
