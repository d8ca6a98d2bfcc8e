import { open } from 'node:fs/promises';
import type { MediaStore } from '../store/media-store';

/**
 * An object's bytes from `start` to `size`, in pieces of `chunkBytes` (the last one shorter).
 *
 * A piece is only valid until the next one is asked for: a local file is read into two buffers
 * that take turns (one is read ahead while the other is sent), because every fresh 1 MB buffer counts towards V8's external memory and each
 * 64 MB of it starts a full garbage collection of the app's heap, which stalls the stream (the
 * transfer client copies each piece into its own message before asking for the next). An S3 body
 * streams as the SDK delivers it and is cut to size.
 */
export async function* mediaPieces(store: MediaStore, sha256: string, start: number, size: number, chunkBytes: number): AsyncGenerator<Buffer> {
  if (start >= size) return;
  const local = store.localPath(sha256);
  if (local) {
    const fh = await open(local, 'r');
    const buffers = [Buffer.allocUnsafe(chunkBytes), Buffer.allocUnsafe(chunkBytes)];
    const readAt = (turn: number, at: number) => fh.read(buffers[turn], 0, Math.min(chunkBytes, size - at), at);
    let turn = 0;
    let at = start;
    let reading: ReturnType<typeof readAt> | undefined = readAt(turn, at);
    try {
      while (reading) {
        const { bytesRead } = await reading;
        if (bytesRead === 0) throw new Error(`media ${sha256} ended at ${at} of ${size} bytes`);
        const piece = buffers[turn].subarray(0, bytesRead);
        at += bytesRead;
        turn ^= 1;
        // The next read goes into the other buffer while this piece is sent: the disk and the network overlap.
        reading = at < size ? readAt(turn, at) : undefined;
        yield piece;
      }
    } finally {
      await reading?.catch(() => undefined);
      await fh.close();
    }
    return;
  }
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let offset = start;
  for await (const c of (await store.read(sha256, { start, end: size - 1 })) as AsyncIterable<Buffer>) {
    pending.push(c);
    pendingBytes += c.length;
    while (pendingBytes >= chunkBytes || (pendingBytes > 0 && offset + pendingBytes === size)) {
      const all = pending.length === 1 ? pending[0] : Buffer.concat(pending);
      const piece = all.subarray(0, Math.min(chunkBytes, all.length));
      const rest = all.subarray(piece.length);
      pending = rest.length > 0 ? [rest] : [];
      pendingBytes = rest.length;
      yield piece;
      offset += piece.length;
    }
  }
}
