export const UPLOAD_KINDS = ['image', 'video', 'audio', 'document'] as const;
export type MediaKind = (typeof UPLOAD_KINDS)[number];

/** What the bytes may be, by kind: anything else is refused, whatever the file is called. */
const ALLOWED: Record<string, MediaKind> = {
  'image/jpeg': 'image',
  'image/png': 'image',
  'image/webp': 'image',
  'image/gif': 'image',
  'image/heic': 'image',
  'image/tiff': 'image',
  'video/mp4': 'video',
  'video/quicktime': 'video',
  'video/webm': 'video',
  'video/x-matroska': 'video',
  'video/mp2t': 'video',
  'audio/mpeg': 'audio',
  'audio/mp4': 'audio',
  'audio/aac': 'audio',
  'audio/wav': 'audio',
  'audio/x-wav': 'audio',
  'audio/ogg': 'audio',
  'audio/flac': 'audio',
  'application/pdf': 'document',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'document',
  'application/msword': 'document',
};

export function kindOfMime(mime: string): MediaKind | undefined {
  return ALLOWED[mime];
}

export const KIND_LABELS: Record<MediaKind, string> = { image: '图片', video: '视频', audio: '音频', document: '文档' };

/** The stable url a story's MediaRef carries for bytes held by the network: the same at every center. */
export const MEDIA_URL_PREFIX = 'media:';
export const SHA256_HEX = /^[0-9a-f]{64}$/;

export function mediaUrlOf(sha256: string): string {
  return `${MEDIA_URL_PREFIX}${sha256}`;
}

/** The sha256 of a `media:<sha256>` url, or undefined for media hosted elsewhere. */
export function sha256OfMediaUrl(url: string): string | undefined {
  if (!url.startsWith(MEDIA_URL_PREFIX)) return undefined;
  const sha = url.slice(MEDIA_URL_PREFIX.length);
  return SHA256_HEX.test(sha) ? sha : undefined;
}
