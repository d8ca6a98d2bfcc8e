import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { mkdir, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import { MediaEnv } from '../media-env';
import { MediaLibrary } from '../media-library';
import { MediaRefused } from '../media-refused';

type TusServer = { handle(req: IncomingMessage, res: ServerResponse): Promise<void> };

const ROUTE = /\/api\/v1\/centers\/(\d{6})\/media\/uploads(?:\/([\w-]+))?\/?$/;

/** The center and upload id a tus URL names. */
export function tusRouteOf(url: string): { center: string; id?: string } | undefined {
  const m = ROUTE.exec(new URL(url, 'http://x').pathname);
  return m ? { center: m[1], id: m[2] } : undefined;
}

/**
 * Resumable uploads (tus 1.0) for video and audio: a dropped connection resumes at the offset the
 * server has on disk. Upload ids start with the center, so one center can never touch another's
 * upload even with a guessed id; the route's guard has already checked the caller's center.
 * A finished upload goes through the same checks as a multipart one and leaves the scratch folder.
 */
@Injectable()
export class TusUploads implements OnModuleInit {
  private readonly logger = new Logger('TusUploads');
  private server?: TusServer;
  private readonly directory: string;

  constructor(
    private readonly env: MediaEnv,
    private readonly library: MediaLibrary,
  ) {
    this.directory = resolve(env.MEDIA_DIR, 'tus');
  }

  async onModuleInit() {
    await mkdir(this.directory, { recursive: true });
    // @tus/server ships as an ES module only; the apps are CommonJS, so it is loaded with import().
    const { Server } = await import('@tus/server');
    const { FileStore } = await import('@tus/file-store');
    const server = new Server({
      path: '/api/v1/centers/000000/media/uploads',
      datastore: new FileStore({ directory: this.directory, expirationPeriodInMilliseconds: 7 * 24 * 3600 * 1000 }),
      maxSize: this.env.MEDIA_VIDEO_MAX_BYTES,
      respectForwardedHeaders: true,
      namingFunction: (req) => `${tusRouteOf(req.url)?.center ?? 'none'}-${uuidv7()}`,
      generateUrl: (req, { proto, host, id }) => `${proto}://${host}/api/v1/centers/${tusRouteOf(req.url)?.center}/media/uploads/${id}`,
      getFileIdFromRequest: (req) => tusRouteOf(req.url)?.id,
      onUploadFinish: async (req, upload) => {
        const center = tusRouteOf(req.url)!.center;
        const by = upload.metadata?.uploadedBy ?? 'tus';
        try {
          const view = await this.library.ingestUpload(center, join(this.directory, upload.id), by);
          return { status_code: 200, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(view) };
        } catch (e) {
          // tus answers a thrown { status_code, body } as is: the desk gets the same refusal as for a multipart upload.
          if (e instanceof MediaRefused) throw Object.assign(new Error(e.message), { status_code: e.getStatus(), body: JSON.stringify(e.getResponse()) });
          this.logger.error({ msg: 'tus upload could not be stored', id: upload.id, err: (e as Error).message });
          throw e;
        } finally {
          await rm(join(this.directory, `${upload.id}.json`), { force: true });
        }
      },
    });
    this.server = server as unknown as TusServer;
  }

  handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    return this.server!.handle(req, res);
  }
}
