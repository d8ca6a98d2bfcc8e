import { ClientReadableStream, ClientWritableStream, credentials, loadPackageDefinition, MethodDefinition, ServiceError } from '@grpc/grpc-js';
import { loadSync } from '@grpc/proto-loader';
import { CenterCredentials, MEDIA_TRANSFER_PROTO, PROTO_LOADER_OPTIONS, protoRoot } from '@syn/grpc';
import { once } from 'node:events';
import { join } from 'node:path';
import { dataPieceBytes, encodeDataPiece } from './media-piece-encoding';
import type { MediaHoldingMessage } from './media-transfer.types';

export interface MediaOfferPlain {
  fromCenter: string;
  toCenter: string;
  storyId: string;
  sha256: string;
  originCode: string;
  kind: string;
  caption: string;
  embargoUntil: string;
  size: string;
}

export interface MediaPiecePlain {
  offer?: MediaOfferPlain | null;
  offset?: string;
  data: Buffer;
}

/** A child's request for an object its parent holds, from `offset` on. */
export interface MediaRequestPlain {
  fromCenter: string;
  toCenter: string;
  storyId: string;
  sha256: string;
  offset: string;
}

/** The first piece as an object (protobuf encodes it); the rest already encoded (media-piece-encoding.ts). */
type PutMessage = MediaPiecePlain | Buffer;

/**
 * Messages whose encoding grpc-js has not copied yet: a message buffer is written again only once
 * its previous write has completed. Four keep gRPC's buffer full while the window is open.
 */
const MESSAGE_BUFFERS = 4;

type Done = (e: ServiceError | null, r: MediaHoldingMessage) => void;
interface RawClient {
  Offer(req: MediaOfferPlain, md: unknown, opts: { deadline: Date }, cb: Done): void;
  makeClientStreamRequest(
    method: string,
    serialize: (m: PutMessage) => Buffer,
    deserialize: (b: Buffer) => MediaHoldingMessage,
    md: unknown,
    opts: { deadline: Date },
    cb: Done,
  ): ClientWritableStream<PutMessage>;
  makeServerStreamRequest(
    method: string,
    serialize: (m: MediaRequestPlain) => Buffer,
    deserialize: (b: Buffer) => MediaPiecePlain,
    req: MediaRequestPlain,
    md: unknown,
    opts: { deadline: Date },
  ): ClientReadableStream<MediaPiecePlain>;
  close(): void;
}
type Ctor = new (address: string, creds: ReturnType<typeof credentials.createInsecure>) => RawClient;

/** Calls a parent's MediaTransfer service as the child center (sending up, or pulling down); one channel per address. */
export class MediaTransferClient {
  private readonly clients = new Map<string, RawClient>();
  private readonly ctor: Ctor;
  private readonly putMethod: MethodDefinition<MediaPiecePlain, MediaHoldingMessage>;
  private readonly getMethod: MethodDefinition<MediaRequestPlain, MediaPiecePlain>;

  constructor(
    private readonly creds: CenterCredentials,
    private readonly timeoutMs = 60_000,
  ) {
    const def = loadSync(join(protoRoot(), MEDIA_TRANSFER_PROTO), { ...PROTO_LOADER_OPTIONS, includeDirs: [protoRoot()] });
    this.ctor = (loadPackageDefinition(def) as unknown as { syndication: { v1: { MediaTransfer: Ctor } } }).syndication.v1.MediaTransfer;
    const service = def['syndication.v1.MediaTransfer'] as unknown as {
      Put: MethodDefinition<MediaPiecePlain, MediaHoldingMessage>;
      Get: MethodDefinition<MediaRequestPlain, MediaPiecePlain>;
    };
    this.putMethod = service.Put;
    this.getMethod = service.Get;
  }

  offer(address: string, offer: MediaOfferPlain): Promise<MediaHoldingMessage> {
    const md = this.creds.metadataFor(offer.fromCenter, offer.toCenter);
    return new Promise((resolve, reject) =>
      this.client(address).Offer(offer, md, { deadline: this.deadline(this.timeoutMs) }, (e, r) => (e ? reject(e) : resolve(r))),
    );
  }

  /**
   * Streams `pieces` (bytes from `offset` on) in one call and resolves with the parent's answer.
   * A piece waits for 'drain' whenever gRPC's buffer is full, so the sender reads no faster than
   * the parent takes the bytes; an answer that comes early (the parent refused, or the cut left it
   * at another offset) stops the sending at once. Each piece is copied into one of a few message
   * buffers that are reused (a piece need only live until the next is asked for): a fresh buffer
   * per megabyte would set off a full garbage collection every 64 MB.
   */
  async put(address: string, offer: MediaOfferPlain, offset: number, pieces: AsyncIterable<Buffer>, streamMs: number): Promise<MediaHoldingMessage> {
    const md = this.creds.metadataFor(offer.fromCenter, offer.toCenter);
    const method = this.putMethod;
    const serialize = (m: PutMessage): Buffer => (Buffer.isBuffer(m) ? m : method.requestSerialize(m));
    let call!: ClientWritableStream<PutMessage>;
    let answered = false;
    const answer = new Promise<MediaHoldingMessage>((resolve, reject) => {
      // The deadline outlasts the sender's own limit on a stream: a live stream ends by itself first.
      call = this.client(address).makeClientStreamRequest(
        method.path,
        serialize,
        method.responseDeserialize,
        md,
        { deadline: this.deadline(streamMs + this.timeoutMs) },
        (e, r) => {
          answered = true;
          return e ? reject(e) : resolve(r);
        },
      );
    });
    answer.catch(() => undefined);
    const stop = answer.then(
      () => undefined,
      () => undefined,
    );
    const slots: Array<{ buf?: Buffer; written: Promise<void> }> = Array.from({ length: MESSAGE_BUFFERS }, () => ({ written: Promise.resolve() }));
    let turn = 0;
    // The first piece names the offer and carries no bytes; protobuf encodes it once per stream.
    let more = call.write({ offer, offset: String(offset), data: Buffer.alloc(0) });
    for await (const data of pieces) {
      if (answered) break;
      if (!more) await Promise.race([once(call, 'drain'), stop]);
      const slot = slots[turn];
      turn = (turn + 1) % MESSAGE_BUFFERS;
      await Promise.race([slot.written, stop]);
      if (answered) break;
      const need = dataPieceBytes(data.length);
      if (!slot.buf || slot.buf.length < need) slot.buf = Buffer.allocUnsafe(need);
      const message = encodeDataPiece(data, slot.buf);
      slot.written = new Promise((done) => {
        more = call.write(message, () => done());
      });
    }
    call.end();
    return answer;
  }

  /**
   * The parent's stream of an object from `req.offset`: the first piece names the object (its size),
   * the rest carry its bytes. Read it with `for await`, which takes pieces no faster than the caller
   * handles them (HTTP/2 flow control holds the parent back).
   */
  get(address: string, req: MediaRequestPlain, streamMs: number): ClientReadableStream<MediaPiecePlain> {
    const md = this.creds.metadataFor(req.toCenter, req.fromCenter);
    const m = this.getMethod;
    return this.client(address).makeServerStreamRequest(m.path, m.requestSerialize, m.responseDeserialize, req, md, {
      deadline: this.deadline(streamMs + this.timeoutMs),
    });
  }

  close(): void {
    for (const c of this.clients.values()) c.close();
    this.clients.clear();
  }

  private client(address: string): RawClient {
    let client = this.clients.get(address);
    if (!client) {
      client = new this.ctor(address, credentials.createInsecure());
      this.clients.set(address, client);
    }
    return client;
  }

  private deadline(ms: number): Date {
    return new Date(Date.now() + ms);
  }
}
