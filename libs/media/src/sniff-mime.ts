import { filetypeinfo } from 'magic-bytes.js';
import { open } from 'node:fs/promises';
import { kindOfMime, MediaKind } from './media-kind';

export interface SniffedType {
  mime: string;
  kind: MediaKind;
}

/** Enough of the head of a file for every signature we accept (ISO BMFF brands sit in the first box). */
const HEAD_BYTES = 4100;

/** Names a file's type from its first bytes; the name and Content-Type a client sent are never trusted. */
export function sniffBytes(head: Uint8Array): SniffedType | undefined {
  for (const t of filetypeinfo(head)) {
    const mime = normalise(t.mime);
    const kind = mime ? kindOfMime(mime) : undefined;
    if (mime && kind) return { mime, kind };
  }
  return undefined;
}

export async function sniffFile(path: string): Promise<SniffedType | undefined> {
  const fh = await open(path, 'r');
  try {
    const head = Buffer.alloc(HEAD_BYTES);
    const { bytesRead } = await fh.read(head, 0, HEAD_BYTES, 0);
    return sniffBytes(head.subarray(0, bytesRead));
  } finally {
    await fh.close();
  }
}

/** The signature library names a few types by older or vendor names. */
function normalise(mime: string | undefined): string | undefined {
  if (mime === 'audio/x-m4a' || mime === 'audio/m4a') return 'audio/mp4';
  if (mime === 'audio/vnd.wave' || mime === 'audio/wave') return 'audio/wav';
  if (mime === 'audio/mp3') return 'audio/mpeg';
  return mime;
}
