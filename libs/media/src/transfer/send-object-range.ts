import { once } from 'node:events';
import { open } from 'node:fs/promises';
import type { Writable } from 'node:stream';
import type { MediaStore } from '../store/media-store';

/** Read buffers that take turns: one is read into while the others wait for the socket. */
const SLOTS = 4;

export interface SendOptions {
  /** Bytes a second at most; 0 for as fast as the socket takes them. */
  bytesPerSecond: number;
  readBytes: number;
  /** Bytes written so far, after each piece. */
  onProgress?: (sent: number) => void;
  /** Aborting stops between two pieces (the app is stopping): the receiver keeps what arrived. */
  signal?: AbortSignal;
}

/**
 * Writes `length` bytes of an object from `start` into `out` (an HTTP request or response) and ends it.
 *
 * A local file is read into a few buffers that are reused once the socket has taken them: a fresh
 * 1 MB buffer per read counts towards V8's external memory, and with the apps' small heaps every
 * 64 MB of it started a full garbage collection: a gigabyte's sender spent most of its time
 * collecting. An S3 body goes as the SDK delivers it.
 */
export async function sendObjectRange(store: MediaStore, sha256: string, start: number, length: number, out: Writable, o: SendOptions): Promise<void> {
  const end = start + length;
  const began = performance.now();
  let sent = 0;
  const closed = new Promise<void>((resolve) => out.once('close', resolve));
  // Answers once the piece is handed to the socket, with a promise of when the socket is done with its buffer.
  const put = async (piece: Buffer): Promise<{ taken: Promise<void> }> => {
    if (o.signal?.aborted) throw new Error('the transfer was stopped');
    if (out.destroyed) throw new Error('the connection closed while media were being sent');
    if (o.bytesPerSecond > 0) {
      const due = ((sent + piece.length) / o.bytesPerSecond) * 1000 - (performance.now() - began);
      if (due > 0) await new Promise((r) => setTimeout(r, due));
    }
    // Resolved once the socket has taken the bytes (or the connection is gone): then the buffer may be reused.
    const taken = new Promise<void>((resolve) => out.write(piece, () => resolve()));
    sent += piece.length;
    o.onProgress?.(sent);
    if (out.writableNeedDrain) await Promise.race([once(out, 'drain').then(() => undefined), closed]);
    return { taken: Promise.race([taken, closed]) };
  };

  const local = store.localPath(sha256);
  if (!local) {
    if (length > 0) for await (const chunk of await store.read(sha256, { start, end: end - 1 }, { highWaterMark: o.readBytes })) await put(chunk as Buffer);
    out.end();
    return;
  }
  const fh = await open(local, 'r');
  const slots = Array.from({ length: SLOTS }, () => ({ buf: Buffer.allocUnsafe(o.readBytes), taken: Promise.resolve() }));
  try {
    let at = start;
    for (let turn = 0; at < end; turn = (turn + 1) % SLOTS) {
      const slot = slots[turn]!;
      await slot.taken;
      const { bytesRead } = await fh.read(slot.buf, 0, Math.min(slot.buf.length, end - at), at);
      if (bytesRead === 0) throw new Error(`media ${sha256} ended at ${at} of ${end} bytes`);
      at += bytesRead;
      slot.taken = (await put(slot.buf.subarray(0, bytesRead))).taken;
    }
    out.end();
  } finally {
    await Promise.all(slots.map((s) => s.taken));
    await fh.close();
  }
}
