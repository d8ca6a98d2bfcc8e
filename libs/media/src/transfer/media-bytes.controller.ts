import { Metadata, status } from '@grpc/grpc-js';
import { Controller, Get, Logger, Param, Put, Query, Req, Res } from '@nestjs/common';
import { RpcException } from '@nestjs/microservices';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '@syn/auth';
import { grpcError, invalidArgument } from '@syn/grpc';
import type { Request, Response } from 'express';
import { DataSource } from 'typeorm';
import { MediaEnv } from '../media-env';
import { MediaLibrary } from '../media-library';
import { sendObjectRange } from './send-object-range';
import { MediaReceiver } from './media-receiver';
import { MediaTransferGate } from './media-transfer.gate';
import { decodeOfferHeader, encodeOfferHeader, MEDIA_OFFER_HEADER, MEDIA_OFFSET_HEADER, MEDIA_TRANSFER_PATH, offerFor, OfferRow } from './media-transfer.wire';

/** gRPC status → the HTTP status a child's client reads (media-transfer.client.ts maps it back). */
const HTTP_STATUS: Partial<Record<status, number>> = {
  [status.INVALID_ARGUMENT]: 400,
  [status.UNAUTHENTICATED]: 401,
  [status.PERMISSION_DENIED]: 403,
  [status.NOT_FOUND]: 404,
  [status.ABORTED]: 409,
  [status.DATA_LOSS]: 422,
  [status.UNAVAILABLE]: 503,
};

/**
 * Media bytes between neighbours, over plain HTTP on the app's own port: a child PUTs an object's
 * bytes from the offset its parent reported (upward), or GETs them from an offset (downward, a
 * release's media). gRPC's framing and copies had held a transfer to a tenth of a disk copy; here
 * the body streams straight to the landing thread. Not a desk route: the caller proves its center
 * with the same signed credentials as on gRPC, and the gate applies the same rules.
 */
@ApiExcludeController()
@Controller(MEDIA_TRANSFER_PATH)
export class MediaBytesController {
  private readonly logger = new Logger('MediaTransfer');

  constructor(
    private readonly gate: MediaTransferGate,
    private readonly receiver: MediaReceiver,
    private readonly library: MediaLibrary,
    private readonly dataSource: DataSource,
    private readonly env: MediaEnv,
  ) {}

  @Public()
  @Put(':sha256')
  async put(@Param('sha256') sha256: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    try {
      const offer = await this.gate.offer(this.metadataOf(req), decodeOfferHeader(req.headers[MEDIA_OFFER_HEADER]));
      if (offer.sha256 !== sha256) throw invalidArgument(`the path names media ${sha256} but the offer names ${offer.sha256}`);
      const offset = this.byteCount(req.headers[MEDIA_OFFSET_HEADER], MEDIA_OFFSET_HEADER);
      const length = this.byteCount(req.headers['content-length'], 'content-length');
      if (offset + length > Number(offer.size))
        throw invalidArgument(`media ${sha256}: ${length} bytes at ${offset} run past the announced size ${offer.size}`);
      res.json(await this.receiver.receive(offer, offset, req));
    } catch (e) {
      this.refuse(res, e, 'media PUT failed');
    }
  }

  /** `offset` and the rest of the request are in the query, checked like the gRPC request message was. */
  @Public()
  @Get(':sha256')
  async get(@Param('sha256') sha256: string, @Query() query: Record<string, unknown>, @Req() req: Request, @Res() res: Response): Promise<void> {
    let started = false;
    try {
      const ask = await this.gate.request(this.metadataOf(req), { ...query, sha256 });
      // Only media of a story this center holds and names them: a child cannot fish for arbitrary bytes by hash.
      const [link]: OfferRow[] = await this.dataSource.query(
        `SELECT origin_code, kind, caption, embargo_until FROM media_links WHERE center_code = $1 AND story_id = $2 AND sha256 = $3`,
        [ask.fromCenter, ask.storyId, ask.sha256],
      );
      if (!link) throw grpcError(status.NOT_FOUND, `story ${ask.storyId} at ${ask.fromCenter} names no media ${ask.sha256}`);
      const size = (await this.library.holds(ask.fromCenter, ask.sha256)) ? await this.library.store.sizeOf(ask.sha256) : null;
      // A hub whose own pull from above has not finished: the child tries again later.
      if (size === null) throw grpcError(status.UNAVAILABLE, `media ${ask.sha256} has not reached ${ask.fromCenter} yet`);
      const offset = Math.min(Number(ask.offset), size);
      res.status(200);
      res.setHeader('content-type', 'application/octet-stream');
      res.setHeader('content-length', String(size - offset));
      res.setHeader(MEDIA_OFFSET_HEADER, String(offset));
      res.setHeader(
        MEDIA_OFFER_HEADER,
        encodeOfferHeader(offerFor({ fromCenter: ask.fromCenter, toCenter: ask.toCenter, storyId: ask.storyId, sha256: ask.sha256 }, link, size)),
      );
      started = true;
      await sendObjectRange(this.library.store, ask.sha256, offset, size - offset, res, {
        bytesPerSecond: this.env.MEDIA_SEND_BYTES_PER_SECOND,
        readBytes: this.env.readBytes(),
      });
    } catch (e) {
      // A child that hung up mid-stream resumes from its partial file: nothing to answer.
      if (started) {
        res.destroy();
        return;
      }
      this.refuse(res, e, 'media GET failed');
    }
  }

  /** The HTTP request's credentials in the shape the gRPC credentials read. */
  private metadataOf(req: Request): Metadata {
    const md = new Metadata();
    const auth = req.headers.authorization;
    if (typeof auth === 'string') md.set('authorization', auth);
    return md;
  }

  private byteCount(v: string | string[] | undefined, name: string): number {
    if (typeof v !== 'string' || !/^\d{1,15}$/.test(v)) throw invalidArgument(`${name} must be a byte count`);
    return Number(v);
  }

  /** A refusal answers its status and reason; the unexpected is logged and answered 500. */
  private refuse(res: Response, e: unknown, msg: string): void {
    const err = e instanceof RpcException ? e.getError() : undefined;
    const code = typeof err === 'object' && err !== null && 'code' in err ? (err as { code: status }).code : undefined;
    const http = code === undefined ? undefined : HTTP_STATUS[code];
    if (!http) this.logger.error({ msg, err: (e as Error)?.message, stack: (e as Error)?.stack });
    if (res.headersSent) {
      res.destroy();
      return;
    }
    const message = http ? String((err as { details?: string; message?: string }).details ?? (err as { message?: string }).message) : 'internal error';
    // The rest of a refused body is not read: the connection closes instead of draining a gigabyte.
    res.setHeader('connection', 'close');
    res.status(http ?? 500).json({ statusCode: http ?? 500, message });
  }
}
