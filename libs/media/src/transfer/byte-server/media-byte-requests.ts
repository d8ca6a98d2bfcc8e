import { Metadata, status } from '@grpc/grpc-js';
import { Injectable } from '@nestjs/common';
import { grpcError, invalidArgument } from '@syn/grpc';
import { DataSource } from 'typeorm';
import { MediaEnv } from '../../media-env';
import { MediaLibrary } from '../../media-library';
import { LandedBytes, MediaReceiver } from '../media-receiver';
import { MediaTransferGate } from '../media-transfer.gate';
import { MediaHoldingMessage, MediaOfferMessage } from '../media-transfer.types';
import { decodeOfferHeader, encodeOfferHeader, MEDIA_OFFER_HEADER, MEDIA_OFFSET_HEADER, offerFor, OfferRow } from '../media-transfer.wire';

/** What the byte server saw of a request: its object, query and the headers the path reads. */
export interface ByteRequestHead {
  sha256: string;
  query: Record<string, string>;
  headers: { authorization?: string; offer?: string; offset?: string; contentLength?: string };
}

/** A PUT let in: append the body to `path`, which ends at `offset`, never past `size`. */
export interface LandDecision {
  offer: MediaOfferMessage;
  path: string;
  offset: number;
  size: number;
}

/** A GET let in: send `length` bytes from `offset`, with these headers. */
export interface SendDecision {
  headers: Record<string, string>;
  sha256: string;
  offset: number;
  length: number;
  /** The local file holding them, or undefined when the store is remote (S3) and the app reads them. */
  path?: string;
}

/**
 * The app's side of the byte path: who may send or fetch which bytes and what happens to them. The
 * byte server's thread moves the bytes; every decision is taken here, through the same gate as the
 * gRPC offer, so the two cannot disagree. Refusals are gRPC statuses, mapped to HTTP by the server.
 */
@Injectable()
export class MediaByteRequests {
  constructor(
    private readonly gate: MediaTransferGate,
    private readonly receiver: MediaReceiver,
    private readonly library: MediaLibrary,
    private readonly dataSource: DataSource,
    readonly env: MediaEnv,
  ) {}

  /** A child's bytes up, from the offset its parent reported: where to append them, or what to answer at once. */
  async put(head: ByteRequestHead): Promise<{ land: LandDecision } | { answer: MediaHoldingMessage }> {
    const offer = await this.gate.offer(this.metadataOf(head), decodeOfferHeader(head.headers.offer));
    if (offer.sha256 !== head.sha256) throw invalidArgument(`the path names media ${head.sha256} but the offer names ${offer.sha256}`);
    const offset = this.byteCount(head.headers.offset, MEDIA_OFFSET_HEADER);
    const length = this.byteCount(head.headers.contentLength, 'content-length');
    const size = Number(offer.size);
    if (offset + length > size) throw invalidArgument(`media ${offer.sha256}: ${length} bytes at ${offset} run past the announced size ${offer.size}`);
    const admitted = await this.receiver.admit(offer, offset);
    if ('answer' in admitted) return admitted;
    return { land: { offer, path: admitted.path, offset, size } };
  }

  /** What the byte server appended for an admitted PUT; answers what this center now holds. */
  landed(land: LandDecision, bytes: LandedBytes): Promise<MediaHoldingMessage> {
    return this.receiver.landed(land.offer, land.path, bytes);
  }

  /** The byte server lost an admitted PUT without reporting it (its thread stopped). */
  abandon(land: LandDecision): void {
    this.receiver.abandon(land.path);
  }

  /** A child's request for bytes of a story it was sent; `offset` and the rest are in the query, checked like the gRPC message was. */
  async get(head: ByteRequestHead): Promise<SendDecision> {
    const ask = await this.gate.request(this.metadataOf(head), { ...head.query, sha256: head.sha256 });
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
    const offer = offerFor({ fromCenter: ask.fromCenter, toCenter: ask.toCenter, storyId: ask.storyId, sha256: ask.sha256 }, link, size);
    return {
      headers: {
        'content-type': 'application/octet-stream',
        'content-length': String(size - offset),
        [MEDIA_OFFSET_HEADER]: String(offset),
        [MEDIA_OFFER_HEADER]: encodeOfferHeader(offer),
      },
      sha256: ask.sha256,
      offset,
      length: size - offset,
      path: this.library.store.localPath(ask.sha256),
    };
  }

  /** The request's credentials in the shape the gRPC credentials read. */
  private metadataOf(head: ByteRequestHead): Metadata {
    const md = new Metadata();
    if (head.headers.authorization) md.set('authorization', head.headers.authorization);
    return md;
  }

  private byteCount(v: string | undefined, name: string): number {
    if (typeof v !== 'string' || !/^\d{1,15}$/.test(v)) throw invalidArgument(`${name} must be a byte count`);
    return Number(v);
  }
}
