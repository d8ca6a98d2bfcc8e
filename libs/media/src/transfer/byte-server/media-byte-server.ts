import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { AppEnv } from '@syn/config';
import { CenterDirectory, HostedCenters } from '@syn/network';
import { MediaLibrary } from '../../media-library';
import { sendObjectRange } from '../send-object-range';
import { httpRefusal } from './http-refusal';
import { ByteRequestHead, LandDecision, MediaByteRequests } from './media-byte-requests';
import { MediaByteThread, ThreadListener } from './media-byte-thread';
import { PumpedResponse } from './pumped-response';

/** What the thread says about one request it serves. */
type RequestMessage =
  | ({ op: 'admit'; rid: number; method: 'PUT' | 'GET' } & ByteRequestHead)
  | { op: 'landed'; rid: number; start: number; size: number; sha256?: string; cut: boolean; refused?: string; error?: string }
  | { op: 'taken'; rid: number }
  | { op: 'gone'; rid: number };

/**
 * The media byte path's server (`PUT`/`GET /transfer/v1/media/:sha256`), on `MEDIA_PORT` of every
 * app hosting a center with children, served by the media byte thread (`MediaByteThread`): on the
 * app's event loop, every socket read of a gigabyte was a fresh buffer that kept starting full
 * collections of the app's heap. Each request comes here to be let in or refused
 * (`MediaByteRequests`), and each body landed comes back to be verified and stored; the bytes
 * themselves stay on the thread.
 */
@Injectable()
export class MediaByteServer implements OnApplicationBootstrap, ThreadListener {
  /** PUTs let in whose bytes the thread has not reported yet. */
  private readonly landing = new Map<number, { land: LandDecision; startedAt: number }>();
  /** GETs whose bytes this thread reads from a remote store. */
  private readonly pumps = new Map<number, PumpedResponse>();
  private readonly logger = new Logger('MediaByteServer');
  /** The port it listens on (MEDIA_PORT, or the one the system chose for 0). */
  port?: number;

  constructor(
    private readonly requests: MediaByteRequests,
    private readonly library: MediaLibrary,
    private readonly thread: MediaByteThread,
    private readonly appEnv: AppEnv,
    private readonly directory: CenterDirectory,
    private readonly hosted: HostedCenters,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    // Only a parent receives bytes from children and serves bytes to them.
    if (!this.hosted.list().some((c) => this.directory.childrenOf(c).length > 0)) return;
    this.port = await this.thread.listen(this.appEnv.HTTP_HOST, this.requests.env.MEDIA_PORT, this);
  }

  onMessage(m: { op: string } & Record<string, unknown>): void {
    this.handle(m as RequestMessage);
  }

  /** The thread is gone with its sockets: files it was appending are free again, reads for it stop. */
  onLost(): void {
    for (const { land } of this.landing.values()) this.requests.abandon(land);
    this.landing.clear();
    for (const p of this.pumps.values()) p.destroy();
    this.pumps.clear();
  }

  private handle(m: RequestMessage): void {
    const w = this.thread;
    switch (m.op) {
      case 'admit':
        void this.admit(w, m);
        return;
      case 'landed':
        void this.landed(w, m);
        return;
      case 'taken':
        this.pumps.get(m.rid)?.taken();
        return;
      case 'gone':
        this.pumps.get(m.rid)?.gone();
        return;
    }
  }

  private async admit(w: MediaByteThread, m: Extract<RequestMessage, { op: 'admit' }>): Promise<void> {
    const head: ByteRequestHead = { sha256: m.sha256, query: m.query, headers: m.headers };
    try {
      if (m.method === 'PUT') {
        const put = await this.requests.put(head);
        // An answer before the body is read closes the connection rather than draining the body.
        if ('answer' in put) return w.post({ op: 'reply', rid: m.rid, status: 200, body: put.answer, close: true });
        this.landing.set(m.rid, { land: put.land, startedAt: performance.now() });
        w.post({ op: 'land', rid: m.rid, path: put.land.path, offset: put.land.offset, size: put.land.size });
        return;
      }
      const send = await this.requests.get(head);
      const env = this.requests.env;
      if (send.path) {
        w.post({
          op: 'send-file',
          rid: m.rid,
          status: 200,
          headers: send.headers,
          path: send.path,
          offset: send.offset,
          length: send.length,
          bytesPerSecond: env.MEDIA_SEND_BYTES_PER_SECOND,
          readBytes: env.readBytes(),
        });
        return;
      }
      const body = new PumpedResponse((msg) => w.post(msg), m.rid);
      this.pumps.set(m.rid, body);
      w.post({ op: 'send-pumped', rid: m.rid, status: 200, headers: send.headers });
      try {
        await sendObjectRange(this.library.store, send.sha256, send.offset, send.length, body, {
          bytesPerSecond: env.MEDIA_SEND_BYTES_PER_SECOND,
          readBytes: env.readBytes(),
        });
      } catch (e) {
        // A child that hung up mid-stream resumes from its partial file: nothing to answer.
        body.destroy(e as Error);
      } finally {
        this.pumps.delete(m.rid);
      }
    } catch (e) {
      this.refuse(w, m.rid, e, `media ${m.method} failed`, true);
    }
  }

  private async landed(w: MediaByteThread, m: Extract<RequestMessage, { op: 'landed' }>): Promise<void> {
    const entry = this.landing.get(m.rid);
    if (!entry) return;
    this.landing.delete(m.rid);
    try {
      const holding = await this.requests.landed(entry.land, {
        start: m.start,
        size: m.size,
        sha256: m.sha256,
        refused: m.refused,
        error: m.error,
        startedAt: entry.startedAt,
      });
      w.post({ op: 'reply', rid: m.rid, status: 200, body: holding, close: false });
    } catch (e) {
      // Bytes refused part-way were not all read: the connection closes.
      this.refuse(w, m.rid, e, 'media PUT failed', m.refused !== undefined);
    }
  }

  /** A refusal answers its status and reason; the unexpected is logged and answered 500. */
  private refuse(w: MediaByteThread, rid: number, e: unknown, msg: string, close: boolean): void {
    const r = httpRefusal(e);
    if (!r) this.logger.error({ msg, err: (e as Error)?.message, stack: (e as Error)?.stack });
    const status = r?.status ?? 500;
    w.post({ op: 'reply', rid, status, body: { statusCode: status, message: r?.message ?? 'internal error' }, close });
  }
}
