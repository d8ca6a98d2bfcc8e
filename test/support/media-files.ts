import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import sharp from 'sharp';

/** A real JPEG whose EXIF carries a GPS position (Ganzhou) and a camera, as a phone would write it. */
export async function jpegWithGps(): Promise<Buffer> {
  return sharp({ create: { width: 1200, height: 800, channels: 3, background: { r: 30, g: 90, b: 160 } } })
    .jpeg({ quality: 85 })
    .withExif({
      IFD0: { Make: 'TestPhone', Model: 'Flood Cam 1' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '25/1 51/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '114/1 56/1 0/1' },
    })
    .toBuffer();
}

/** A 2-second H.264/AAC MP4 made by ffmpeg's test sources. */
export async function twoSecondMp4(): Promise<Buffer> {
  const out = join(mkdtempSync(join(tmpdir(), 'syn-mp4-')), 'clip.mp4');
  await promisify(execFile)('ffmpeg', [
    '-v',
    'error',
    '-f',
    'lavfi',
    '-i',
    'testsrc=duration=2:size=320x240:rate=25',
    '-f',
    'lavfi',
    '-i',
    'sine=duration=2',
    '-c:v',
    'libx264',
    '-pix_fmt',
    'yuv420p',
    '-c:a',
    'aac',
    '-shortest',
    out,
  ]);
  return readFileSync(out);
}

/**
 * A lossless H.264 clip of noise: a few MB that do not compress, so a transfer takes long enough to
 * be cut (`seed` makes each clip's bytes different).
 */
export async function noiseMp4(seconds: number, seed: number): Promise<Buffer> {
  const out = join(mkdtempSync(join(tmpdir(), 'syn-noise-')), 'noise.mp4');
  await promisify(execFile)('ffmpeg', [
    '-v',
    'error',
    '-f',
    'lavfi',
    '-i',
    `nullsrc=s=320x240:r=25,geq=random(${seed})*255:128:128`,
    '-t',
    String(seconds),
    '-c:v',
    'libx264',
    '-preset',
    'ultrafast',
    '-qp',
    '0',
    '-pix_fmt',
    'yuv420p',
    out,
  ]);
  return readFileSync(out);
}

export const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
