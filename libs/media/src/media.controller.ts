import { Controller, Get, Head, HttpCode, NotFoundException, Param, Patch, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '@syn/auth';
import type { Principal } from '@syn/auth';
import type { Request, Response } from 'express';
import { DataSource } from 'typeorm';
import { MediaAccess } from './access/media-access';
import { MediaUrlSigner } from './access/media-url-signer';
import { MediaLibrary } from './media-library';
import { SHA256_HEX } from './media-kind';
import { MediaView } from './media-view';
import { receiveMultipart } from './upload/multipart-upload';
import { TusUploads } from './upload/tus-uploads';

const AUTHORS = ['reporter', 'editor', 'chief-editor', 'admin'] as const;

function notHere(center: string, sha256: string): NotFoundException {
  return new NotFoundException({ statusCode: 404, message: [`media ${sha256} is not served at center ${center}`] });
}

@ApiTags('media (融媒体)')
@ApiBearerAuth()
@Controller('api/v1/centers/:center')
export class MediaController {
  constructor(
    private readonly library: MediaLibrary,
    private readonly tus: TusUploads,
    private readonly access: MediaAccess,
    private readonly signer: MediaUrlSigner,
    private readonly dataSource: DataSource,
  ) {}

  @Post('media')
  @Roles(...AUTHORS)
  @ApiConsumes('multipart/form-data')
  @ApiOperation({ summary: 'Upload an image or document (one multipart `file`); video and audio may come this way up to the image limit, larger ones by tus' })
  async upload(@Param('center') center: string, @CurrentPrincipal() p: Principal, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const file = await receiveMultipart(req, res, this.library.scratch, Math.max(this.library.limitOf('image'), this.library.limitOf('document')));
    res.status(201);
    return this.withLinks(center, await this.library.ingestUpload(center, file.path, p.userId));
  }

  // tus 1.0 resumable uploads: POST creates (Upload-Length), PATCH appends at Upload-Offset, HEAD tells the offset to resume at.
  @Post('media/uploads')
  @Roles(...AUTHORS)
  @ApiOperation({ summary: 'Start a resumable upload (tus 1.0) for video and audio; answers 201 with its Location' })
  async tusCreate(@Req() req: Request, @Res() res: Response) {
    await this.tus.handle(req, res);
  }

  @Patch('media/uploads/:id')
  @Roles(...AUTHORS)
  @ApiOperation({ summary: 'Append bytes to a resumable upload at Upload-Offset; the last append answers 200 with the stored media' })
  async tusAppend(@Param('center') center: string, @Param('id') id: string, @Req() req: Request, @Res() res: Response) {
    await this.tusOwn(center, id, req, res);
  }

  @Head('media/uploads/:id')
  @Roles(...AUTHORS)
  @ApiOperation({ summary: 'How much of a resumable upload has arrived (Upload-Offset): where to resume after a cut' })
  async tusOffset(@Param('center') center: string, @Param('id') id: string, @Req() req: Request, @Res() res: Response) {
    await this.tusOwn(center, id, req, res);
  }

  @Get('media/:sha256')
  @ApiOperation({ summary: 'One media object: type, size, processing progress, renditions and short-lived links' })
  async get(@Param('center') center: string, @Param('sha256') sha256: string) {
    if (!SHA256_HEX.test(sha256) || !(await this.access.visible(center, sha256))) throw notHere(center, sha256);
    const view = await this.library.view(sha256);
    if (!view) throw notHere(center, sha256);
    return this.withLinks(center, view);
  }

  @Get('stories/:id/media')
  @HttpCode(200)
  @ApiOperation({ summary: 'The media of a story held at this center, with where each stands (arrived, processing, on its way)' })
  async ofStory(@Param('center') center: string, @Param('id') id: string) {
    const rows: Array<{ sha256: string; caption: string | null; held: boolean }> = await this.dataSource.query(
      `SELECT l.sha256, l.caption, (h.sha256 IS NOT NULL) AS held
         FROM media_links l LEFT JOIN media_holdings h ON h.center_code = l.center_code AND h.sha256 = l.sha256
        WHERE l.center_code = $1 AND l.story_id = $2 ORDER BY l.created_at, l.sha256`,
      [center, id],
    );
    const items = [];
    for (const r of rows) {
      const view = r.held && (await this.access.visible(center, r.sha256)) ? await this.library.view(r.sha256) : undefined;
      items.push(
        view ? { ...(await this.withLinks(center, view)), caption: r.caption, arrived: true } : { sha256: r.sha256, caption: r.caption, arrived: false },
      );
    }
    return { items };
  }

  /** Upload ids begin with their center: one center never reaches another's upload, even with its id. */
  private async tusOwn(center: string, id: string, req: Request, res: Response): Promise<void> {
    if (!id.startsWith(`${center}-`)) throw new NotFoundException({ statusCode: 404, message: [`upload ${id} is not one of center ${center}`] });
    await this.tus.handle(req, res);
  }

  private async withLinks(center: string, v: MediaView) {
    return {
      ...v,
      links: {
        original: this.signer.sign({ center, sha256: v.sha256, variant: 'original' }),
        ...Object.fromEntries(v.renditions.map((r) => [r.name, this.signer.sign({ center, sha256: v.sha256, variant: r.name })])),
      },
    };
  }
}
