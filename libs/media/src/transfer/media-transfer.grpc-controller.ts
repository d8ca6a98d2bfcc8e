import { Metadata, sendUnaryData, ServerReadableStream, ServerWritableStream, StatusObject } from '@grpc/grpc-js';
import { Controller, Logger, UseFilters } from '@nestjs/common';
import { GrpcMethod, GrpcStreamCall, RpcException } from '@nestjs/microservices';
import { AppEnv } from '@syn/config';
import { CenterCredentials, CenterKeyring, grpcError, GrpcExceptionFilter, invalidArgument, permissionDenied } from '@syn/grpc';
import { CenterDirectory, HostedCenters } from '@syn/network';
import { validateObject } from '@syn/story';
import { status } from '@grpc/grpc-js';
import { createHash, Hash } from 'node:crypto';
import { once } from 'node:events';
import { open, rm, stat, writeFile } from 'node:fs/promises';
import { finished } from 'node:stream/promises';
import { Observable } from 'rxjs';
import { DataSource, EntityManager } from 'typeorm';
import { MediaLibrary } from '../media-library';
import { hashFileInto } from '../store/hash-file';
import { MediaEnv } from '../media-env';
import { mediaPieces } from './media-pieces';
import { upsertLinks } from './media-links';
import { MediaHoldingMessage, MediaOfferMessage, MediaPieceHead, MediaRequestMessage } from './media-transfer.types';

/** Running hashes kept for transfers whose stream ended short of the object, so a resume need not re-read them. */
const KEPT_HASHES = 64;
/** Bytes of received messages that may wait for the disk before the stream stops reading. */
const WRITE_BUFFER_BYTES = 4 * 1024 * 1024;

/**
 * The parent's side of media transfers. Upward, a parent takes bytes from its children only,
 * appends each stream at the offset it reports while hashing it, and stores the object only once
 * its SHA-256 matches; media of a story taken down here are answered "have" and never stored.
 * Downward, a child pulls the media of a story it was sent (a release) from the offset it holds.
 */
@Controller()
@UseFilters(GrpcExceptionFilter)
export class MediaTransferGrpcController {
  private readonly logger = new Logger('MediaTransfer');
  private readonly credentials: CenterCredentials;
  private readonly receiving = new Set<string>();
  private readonly hashes = new Map<string, { hash: Hash; at: number }>();

  constructor(
    private readonly library: MediaLibrary,
    private readonly dataSource: DataSource,
    private readonly directory: CenterDirectory,
    private readonly hosted: HostedCenters,
    private readonly mediaEnv: MediaEnv,
    env: AppEnv,
  ) {
    this.credentials = new CenterCredentials(CenterKeyring.fromEnv(env));
  }

  @GrpcMethod('MediaTransfer', 'Offer')
  async offer(raw: unknown, md: Metadata): Promise<MediaHoldingMessage> {
    const offer = await this.authorise(md, MediaOfferMessage, raw, (r) => r);
    return this.holding(offer);
  }

  @GrpcStreamCall('MediaTransfer', 'Put')
  put(call: ServerReadableStream<unknown, MediaHoldingMessage>, callback: sendUnaryData<MediaHoldingMessage>): void {
    this.receive(call).then(
      (r) => callback(null, r),
      (e: unknown) => callback(this.statusOf(e)),
    );
  }

  @GrpcMethod('MediaTransfer', 'Get')
  get(raw: unknown, md: Metadata, call: ServerWritableStream<unknown, unknown>): Observable<never> {
    // The pieces are written to the call here, each after the last one drained, so a 4 GB object
    // goes at the pace the child reads it; the Observable only says when the stream is over, and its
    // error goes through the controller's filter to become the call's status.
    return new Observable<never>((sub) => {
      this.serve(raw, md, call).then(
        () => sub.complete(),
        (e: unknown) => sub.error(e),
      );
    });
  }

  private async serve(raw: unknown, md: Metadata, call: ServerWritableStream<unknown, unknown>): Promise<void> {
    let req: MediaRequestMessage;
    try {
      req = await validateObject(MediaRequestMessage, raw);
    } catch (e) {
      throw invalidArgument((e as Error).message);
    }
    const caller = this.credentials.callerOf(md, req.fromCenter);
    if (caller !== req.toCenter) throw permissionDenied(`caller ${caller} cannot ask for media as ${req.toCenter}`);
    if (!this.hosted.has(req.fromCenter)) throw permissionDenied(`center ${req.fromCenter} is not hosted here`);
    if (!this.directory.has(req.toCenter) || this.directory.get(req.toCenter).parent !== req.fromCenter)
      throw permissionDenied(`center ${req.toCenter} is not a child of ${req.fromCenter}`);
    // Only media of a story this center holds and names them: a child cannot fish for arbitrary bytes by hash.
    const [link]: Array<{ origin_code: string; kind: string; caption: string | null; embargo_until: Date | null }> = await this.dataSource.query(
      `SELECT origin_code, kind, caption, embargo_until FROM media_links WHERE center_code = $1 AND story_id = $2 AND sha256 = $3`,
      [req.fromCenter, req.storyId, req.sha256],
    );
    if (!link) throw grpcError(status.NOT_FOUND, `story ${req.storyId} at ${req.fromCenter} names no media ${req.sha256}`);
    const size = (await this.library.holds(req.fromCenter, req.sha256)) ? await this.library.store.sizeOf(req.sha256) : null;
    // A hub whose own pull from above has not finished: the child tries again later.
    if (size === null) throw grpcError(status.UNAVAILABLE, `media ${req.sha256} has not reached ${req.fromCenter} yet`);
    const offset = Math.min(Number(req.offset), size);
    const write = async (message: unknown): Promise<void> => {
      if (call.write(message)) return;
      // The listeners of a wait that is over go with it: a gigabyte waits thousands of times.
      const done = new AbortController();
      const { signal } = done;
      try {
        await Promise.race([once(call, 'drain', { signal }), once(call, 'close', { signal }), once(call, 'cancelled', { signal })]);
      } finally {
        done.abort();
      }
    };
    await write({
      offer: {
        fromCenter: req.fromCenter,
        toCenter: req.toCenter,
        storyId: req.storyId,
        sha256: req.sha256,
        originCode: link.origin_code,
        kind: link.kind,
        caption: link.caption ?? '',
        embargoUntil: link.embargo_until ? link.embargo_until.toISOString() : '',
        size: String(size),
      },
      offset: String(offset),
      data: Buffer.alloc(0),
    });
    for await (const piece of mediaPieces(this.library.store, req.sha256, offset, size, this.mediaEnv.MEDIA_CHUNK_BYTES)) {
      if (call.cancelled || call.destroyed) return;
      // A piece lives only until the next is read, and a write may wait in the call's buffer: it gets its own copy.
      await write({ data: Buffer.from(piece) });
    }
  }

  private async receive(call: ServerReadableStream<unknown, MediaHoldingMessage>): Promise<MediaHoldingMessage> {
    const pieces = call[Symbol.asyncIterator]() as AsyncIterator<{ data?: unknown } | null>;
    const first = await pieces.next();
    const started = performance.now();
    if (first.done) throw invalidArgument('the Put stream carried no piece');
    // The bytes stay out of validation: class-transformer would walk a 1 MB Buffer element by element.
    const { data: firstData, ...head } = first.value ?? {};
    const { offer, offset } = await this.authorise(call.metadata, MediaPieceHead, head, (r) => r.offer);
    const path = this.partPath(offer);
    // One writer per partial file: a second stream (a sender whose lease ran out) would interleave appends.
    if (this.receiving.has(path))
      throw grpcError(status.ABORTED, `media ${offer.sha256} from ${offer.fromCenter} is already being received; send again when that stream ends`);
    this.receiving.add(path);
    try {
      const have = await this.partSize(path);
      if (have === undefined) return await this.holding(offer);
      if (have !== Number(offset)) return { have: false, offset: String(have) };
      const size = Number(offer.size);
      const hash = await this.hashUpTo(path, have);
      let at = have;
      const fh = await open(path, 'a');
      // Appends go through one write stream: while the disk takes one write, the messages that arrive
      // queue and go down together in the next (one writev), so a busy machine's slow thread-pool
      // round trips do not pace the stream, and its buffer bounds what waits in memory.
      const out = fh.createWriteStream({ highWaterMark: WRITE_BUFFER_BYTES, autoClose: false });
      // A failed write surfaces through `errored`, 'drain' or `finished` below, never as an unhandled 'error'.
      out.on('error', () => undefined);
      try {
        let data = firstData;
        for (;;) {
          if (data !== undefined && data !== null) {
            if (!Buffer.isBuffer(data)) throw invalidArgument(`media ${offer.sha256}: data must be bytes`);
            if (at + data.length > size) throw invalidArgument(`media ${offer.sha256}: bytes at ${at} run past the announced size ${size}`);
            if (out.errored) throw out.errored;
            // Hashed as it comes: no second read of a gigabyte at the end.
            hash.update(data);
            at += data.length;
            if (!out.write(data)) await once(out, 'drain');
          }
          const next = await pieces.next();
          if (next.done) break;
          data = next.value?.data;
        }
        out.end();
        await finished(out);
        // Once per stream, not per piece: the offset this answers must survive a crash of this machine.
        if (at > have || at === size) await fh.sync();
      } finally {
        // A broken stream still lands what it queued, so the kept hash matches the file (a failed
        // write leaves the file shorter than `at`, and the next stream hashes the file instead).
        if (!out.writableEnded) out.end();
        await finished(out).catch(() => undefined);
        // The stream holds the handle until it is destroyed: close() alone would wait forever.
        out.destroy();
        await fh.close();
        this.hashes.set(path, { hash, at });
      }
      if (at < size) {
        this.forgetOldestHashes();
        return { have: false, offset: String(at) };
      }
      this.hashes.delete(path);
      return await this.complete(offer, path, hash.digest('hex'), size, { bytes: at - have, started });
    } finally {
      this.receiving.delete(path);
    }
  }

  /**
   * The running hash of the partial file's first `have` bytes: the one the last stream left when it
   * ended exactly there, otherwise the file's bytes hashed once now (the app restarted, or the
   * last stream broke off mid-write).
   */
  private async hashUpTo(path: string, have: number): Promise<Hash> {
    const kept = this.hashes.get(path);
    this.hashes.delete(path);
    if (kept && kept.at === have) return kept.hash;
    const hash = createHash('sha256');
    if (have > 0) await hashFileInto(hash, path);
    return hash;
  }

  /** Hash states of abandoned transfers are small but must not pile up. */
  private forgetOldestHashes(): void {
    while (this.hashes.size > KEPT_HASHES) this.hashes.delete(this.hashes.keys().next().value!);
  }

  /** `stream`: what the last stream carried and when its first piece came, to log how long the bytes took to land. */
  private async complete(
    offer: MediaOfferMessage,
    path: string,
    got: string,
    size: number,
    stream: { bytes: number; started: number },
  ): Promise<MediaHoldingMessage> {
    const [tomb]: unknown[] = await this.dataSource.query(`SELECT 1 FROM tombstones WHERE story_id = $1`, [offer.storyId]);
    if (tomb) {
      await rm(path, { force: true });
      return { have: true, offset: offer.size };
    }
    if (got !== offer.sha256) {
      await rm(path, { force: true });
      this.logger.warn({ msg: 'media transfer did not verify; starting over', sha256: offer.sha256, from: offer.fromCenter, got });
      throw grpcError(status.DATA_LOSS, `media ${offer.sha256} from ${offer.fromCenter} hashed to ${got}; send it again from offset 0`);
    }
    await this.dataSource.transaction(async (m) => {
      await this.library.ingestTransferred(m, offer.toCenter, offer.sha256, path, size);
      await this.link(m, offer);
    });
    this.library.signalJob();
    this.logger.log({
      msg: 'media received',
      sha256: offer.sha256,
      from: offer.fromCenter,
      to: offer.toCenter,
      bytes: size,
      streamBytes: stream.bytes,
      streamMs: Math.round(performance.now() - stream.started),
    });
    return { have: true, offset: String(size) };
  }

  /** What a failed stream answers: the typed status it threw, or INTERNAL for the unexpected (logged). */
  private statusOf(e: unknown): Partial<StatusObject> {
    if (e instanceof RpcException) {
      const err = e.getError();
      if (typeof err === 'object' && err !== null && 'code' in err) return err as Partial<StatusObject>;
    }
    this.logger.error({ msg: 'media Put failed', err: (e as Error)?.message, stack: (e as Error)?.stack });
    return { code: status.INTERNAL, details: 'internal error' };
  }

  /** What this center has of the object; an object another hosted center holds is shared without a byte moving. */
  private async holding(offer: MediaOfferMessage): Promise<MediaHoldingMessage> {
    const [tomb]: unknown[] = await this.dataSource.query(`SELECT 1 FROM tombstones WHERE story_id = $1`, [offer.storyId]);
    if (tomb) return { have: true, offset: offer.size };
    if (await this.library.holds(offer.toCenter, offer.sha256)) {
      await this.dataSource.transaction((m) => this.link(m, offer));
      return { have: true, offset: offer.size };
    }
    const [known]: Array<{ size: string; mime: string; kind: string }> = await this.dataSource.query(
      `SELECT size, mime, kind FROM media_objects WHERE sha256 = $1`,
      [offer.sha256],
    );
    if (known && (await this.library.store.sizeOf(offer.sha256)) === Number(known.size)) {
      await this.dataSource.transaction(async (m) => {
        await m.query(`INSERT INTO media_holdings (center_code, sha256, uploaded) VALUES ($1, $2, false) ON CONFLICT DO NOTHING`, [
          offer.toCenter,
          offer.sha256,
        ]);
        await this.link(m, offer);
      });
      return { have: true, offset: offer.size };
    }
    const part = await this.partSize(this.partPath(offer));
    if (part === undefined) await writeFile(this.partPath(offer), '');
    return { have: false, offset: String(part ?? 0) };
  }

  private async partSize(path: string): Promise<number | undefined> {
    try {
      return (await stat(path)).size;
    } catch {
      return undefined;
    }
  }

  private link(m: EntityManager, o: MediaOfferMessage): Promise<void> {
    return upsertLinks(m, [
      {
        center: o.toCenter,
        storyId: o.storyId,
        sha256: o.sha256,
        originCode: o.originCode,
        kind: o.kind,
        caption: o.caption || null,
        embargoUntil: o.embargoUntil || null,
      },
    ]);
  }

  private partPath(o: MediaOfferMessage): string {
    return this.library.scratchPath(`in-${o.toCenter}-${o.fromCenter}-${o.sha256}.part`);
  }

  private async authorise<T extends object>(md: Metadata, cls: new () => T, raw: unknown, offerOf: (t: T) => MediaOfferMessage): Promise<T> {
    let msg: T;
    try {
      msg = await validateObject(cls, raw);
    } catch (e) {
      throw invalidArgument((e as Error).message);
    }
    const offer = offerOf(msg);
    const caller = this.credentials.callerOf(md, offer.toCenter);
    if (caller !== offer.fromCenter) throw permissionDenied(`caller ${caller} cannot send media as ${offer.fromCenter}`);
    if (!this.hosted.has(offer.toCenter)) throw permissionDenied(`center ${offer.toCenter} is not hosted here`);
    if (!this.directory.has(offer.fromCenter) || this.directory.get(offer.fromCenter).parent !== offer.toCenter)
      throw permissionDenied(`center ${offer.fromCenter} is not a child of ${offer.toCenter}`);
    if (Number(offer.size) > this.library.maxBytes()) throw invalidArgument(`media ${offer.sha256} of ${offer.size} bytes is over every kind's limit`);
    return msg;
  }
}
