import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { MediaProbe } from '../media-view';

const run = promisify(execFile);

interface FfprobeOutput {
  format?: { duration?: string };
  streams?: Array<{ codec_type?: string; codec_name?: string; width?: number; height?: number }>;
}

/** Duration, codecs and picture size as ffprobe reads them from the container. */
export async function probeMedia(path: string): Promise<MediaProbe> {
  const { stdout } = await run('ffprobe', ['-v', 'error', '-print_format', 'json', '-show_format', '-show_streams', path], { maxBuffer: 4 * 1024 * 1024 });
  const out = JSON.parse(stdout) as FfprobeOutput;
  const video = out.streams?.find((s) => s.codec_type === 'video');
  const audio = out.streams?.find((s) => s.codec_type === 'audio');
  const duration = Number(out.format?.duration);
  return {
    ...(Number.isFinite(duration) ? { durationSeconds: Math.round(duration * 1000) / 1000 } : {}),
    ...(video ? { videoCodec: video.codec_name, width: video.width, height: video.height } : {}),
    ...(audio ? { audioCodec: audio.codec_name } : {}),
  };
}

/** One frame a second in (or from the middle of a shorter clip) as a JPEG, to show before playback. */
export async function posterFrame(path: string, output: string, durationSeconds: number | undefined): Promise<void> {
  const at = durationSeconds === undefined ? 0 : Math.min(1, durationSeconds / 2);
  await run('ffmpeg', ['-v', 'error', '-y', '-ss', String(at), '-i', path, '-frames:v', '1', '-q:v', '3', '-f', 'image2', output], {
    maxBuffer: 1024 * 1024,
  });
}
