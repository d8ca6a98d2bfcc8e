import { credentials, loadPackageDefinition, ServiceError } from '@grpc/grpc-js';
import { loadSync } from '@grpc/proto-loader';
import { CenterCredentials, MEDIA_TRANSFER_PROTO, PROTO_LOADER_OPTIONS, protoRoot } from '@syn/grpc';
import { Agent as HttpAgent, IncomingMessage, request as httpRequest, RequestOptions } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { join } from 'node:path';
import type { Writable } from 'node:stream';
import type { MediaHoldingMessage } from './media-transfer.types';
import { encodeOfferHeader, MEDIA_OFFER_HEADER, MEDIA_OFFSET_HEADER, MEDIA_TRANSFER_PATH } from './media-transfer.wire';

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

/** A parent's refusal on the byte path, with its HTTP status (503: the bytes are not there yet). */
export class MediaTransferRefused extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** A socket that carried no byte either way for this long is given up; the transfer resumes at its offset. */
const IDLE_MS = 60_000;

type Done = (e: ServiceError | null, r: MediaHoldingMessage) => void;
interface RawClient {
  Offer(req: MediaOfferPlain, md: unknown, opts: { deadline: Date }, cb: Done): void;
  close(): void;
}
type Ctor = new (address: string, creds: ReturnType<typeof credentials.createInsecure>) => RawClient;

/**
 * A child center's calls to its parent for media: the offer over gRPC (what does the parent have?),
 * the bytes up over HTTP (PUT); the child's pulls go through the media byte thread (`MediaByteThread.fetch`).
 */
export class MediaTransferClient {
  private readonly clients = new Map<string, RawClient>();
  private readonly ctor: Ctor;
  private readonly http = new HttpAgent({ keepAlive: true });
  private readonly https = new HttpsAgent({ keepAlive: true });

  constructor(
    private readonly creds: CenterCredentials,
    private readonly timeoutMs = 60_000,
  ) {
    const def = loadSync(join(protoRoot(), MEDIA_TRANSFER_PROTO), { ...PROTO_LOADER_OPTIONS, includeDirs: [protoRoot()] });
    this.ctor = (loadPackageDefinition(def) as unknown as { syndication: { v1: { MediaTransfer: Ctor } } }).syndication.v1.MediaTransfer;
  }

  offer(address: string, offer: MediaOfferPlain): Promise<MediaHoldingMessage> {
    const md = this.creds.metadataFor(offer.fromCenter, offer.toCenter);
    return new Promise((resolve, reject) =>
      this.client(address).Offer(offer, md, { deadline: new Date(Date.now() + this.timeoutMs) }, (e, r) => (e ? reject(e) : resolve(r))),
    );
  }

  /**
   * Sends `length` bytes from `offset` (written by `send` into the request, which it ends) to the
   * parent at `base` (its HTTP address) and resolves with what the parent then holds. An answer that
   * comes before the body is through (a refusal, or the parent holding another offset) cuts the sending.
   */
  put(base: string, offer: MediaOfferPlain, offset: number, length: number, send: (body: Writable) => Promise<void>): Promise<MediaHoldingMessage> {
    const url = new URL(`/${MEDIA_TRANSFER_PATH}/${offer.sha256}`, base);
    const req = this.request(url, {
      method: 'PUT',
      headers: {
        ...this.auth(offer.fromCenter, offer.toCenter),
        'content-type': 'application/octet-stream',
        'content-length': String(length),
        [MEDIA_OFFER_HEADER]: encodeOfferHeader(offer),
        [MEDIA_OFFSET_HEADER]: String(offset),
      },
    });
    const answer = new Promise<MediaHoldingMessage>((resolve, reject) => {
      req.on('error', reject);
      req.on('response', (res) => {
        readAll(res).then((text) => {
          if (!req.writableFinished) req.destroy();
          if (res.statusCode === 200) resolve(JSON.parse(text) as MediaHoldingMessage);
          else reject(refusal(res.statusCode ?? 0, text, url));
        }, reject);
      });
    });
    // A failed send cuts the request; the failure surfaces as the request's error or the parent's answer.
    send(req).catch((e: Error) => req.destroy(e));
    return answer;
  }

  close(): void {
    for (const c of this.clients.values()) c.close();
    this.clients.clear();
    this.http.destroy();
    this.https.destroy();
  }

  private request(url: URL, opts: RequestOptions) {
    const tls = url.protocol === 'https:';
    const req = (tls ? httpsRequest : httpRequest)(url, { ...opts, agent: tls ? this.https : this.http });
    req.setTimeout(IDLE_MS, () => req.destroy(new Error(`no byte moved for ${IDLE_MS / 1000} s on ${url.origin}`)));
    return req;
  }

  /** The same signed center credentials as on gRPC, made for the parent, as HTTP headers. */
  auth(caller: string, audience: string): Record<string, string> {
    const md = this.creds.metadataFor(caller, audience);
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(md.getMap())) if (typeof v === 'string') headers[k] = v;
    return headers;
  }

  private client(address: string): RawClient {
    let client = this.clients.get(address);
    if (!client) {
      client = new this.ctor(address, credentials.createInsecure());
      this.clients.set(address, client);
    }
    return client;
  }
}

async function readAll(res: IncomingMessage): Promise<string> {
  const parts: Buffer[] = [];
  for await (const c of res) parts.push(c as Buffer);
  return Buffer.concat(parts).toString('utf8');
}

/** A parent's answer other than 200, with the reason it gave. */
export function refusal(status: number, text: string, url: URL): MediaTransferRefused {
  let message = text.slice(0, 500);
  try {
    message = String((JSON.parse(text) as { message?: unknown }).message ?? message);
  } catch {
    // not JSON: a proxy's page, kept as it came
  }
  return new MediaTransferRefused(status, `${url.origin} answered ${status}: ${message}`);
}
