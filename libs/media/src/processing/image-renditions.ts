import type SharpModule from 'sharp';

/** libvips is loaded with the first image, not at start-up: most starts never render one. */
let sharpModule: typeof SharpModule | undefined;
function sharp(...args: Parameters<typeof SharpModule>): ReturnType<typeof SharpModule> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  sharpModule ??= require('sharp') as typeof SharpModule;
  return sharpModule(...args);
}

export interface RenditionSpec {
  name: string;
  mime: string;
  /** Longest side in pixels; never enlarged. */
  size: number;
  format: 'jpeg' | 'webp';
}

/** What an image is published as. Sharp writes no metadata unless asked, so EXIF (GPS, device) never reaches these files. */
export const IMAGE_RENDITIONS: RenditionSpec[] = [
  { name: 'thumbnail', mime: 'image/jpeg', size: 320, format: 'jpeg' },
  { name: 'web', mime: 'image/jpeg', size: 1600, format: 'jpeg' },
  { name: 'webp', mime: 'image/webp', size: 1600, format: 'webp' },
];

/** Writes one rendition of `input` to `output`; the orientation in EXIF is applied to the pixels before EXIF is dropped. */
export async function renderImage(input: string, output: string, spec: RenditionSpec): Promise<{ width: number; height: number; size: number }> {
  const pipeline = sharp(input, { failOn: 'error', limitInputPixels: 200_000_000 })
    .rotate()
    .resize(spec.size, spec.size, { fit: 'inside', withoutEnlargement: true });
  const out = spec.format === 'jpeg' ? pipeline.jpeg({ quality: 82, mozjpeg: true }) : pipeline.webp({ quality: 80 });
  const info = await out.toFile(output);
  return { width: info.width, height: info.height, size: info.size };
}
