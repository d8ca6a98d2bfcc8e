import { IsIn, IsInt, IsOptional, IsString, Max, Min, MinLength, ValidateIf } from 'class-validator';

/** Where media bytes live, how big each kind may be, how long a media link lasts; validated at boot like AppEnv. */
export class MediaEnv {
  /** `local`: content-addressed files under MEDIA_DIR (needs no extra server); `s3`: an S3-compatible object store. */
  @IsIn(['local', 's3'])
  MEDIA_STORE: 'local' | 's3' = 'local';

  /** The app's media folder: the local store, and always the scratch space of uploads and transfers (same disk, so a rename finishes a write). */
  @IsString()
  @MinLength(1)
  MEDIA_DIR: string = '.data/media';

  @ValidateIf((e: MediaEnv) => e.MEDIA_STORE === 's3')
  @IsString({ message: 'MEDIA_S3_BUCKET must be set when MEDIA_STORE=s3' })
  @MinLength(3)
  MEDIA_S3_BUCKET?: string;

  /** e.g. http://minio:9000 for MinIO; empty for AWS itself. */
  @IsOptional()
  @IsString()
  MEDIA_S3_ENDPOINT?: string;

  @IsString()
  MEDIA_S3_REGION: string = 'us-east-1';

  @IsOptional()
  @IsString()
  MEDIA_S3_ACCESS_KEY?: string;

  @IsOptional()
  @IsString()
  MEDIA_S3_SECRET_KEY?: string;

  @IsInt() @Min(1024) MEDIA_IMAGE_MAX_BYTES: number = 30 * 1024 * 1024;
  @IsInt() @Min(1024) MEDIA_DOCUMENT_MAX_BYTES: number = 50 * 1024 * 1024;
  @IsInt() @Min(1024) MEDIA_AUDIO_MAX_BYTES: number = 500 * 1024 * 1024;
  @IsInt() @Min(1024) MEDIA_VIDEO_MAX_BYTES: number = 4 * 1024 * 1024 * 1024;

  /** Lifetime of a signed media URL: long enough to start a video, short enough that a leaked link dies. */
  @IsInt()
  @Min(10)
  MEDIA_URL_TTL_SECONDS: number = 600;

  /** How often the media workers look for work when nothing woke them. */
  @IsInt()
  @Min(50)
  MEDIA_POLL_MS: number = 1000;

  /**
   * The most bytes a second this center sends a neighbour media at (up to its parent, or down to a
   * child pulling from it); 0 sends as fast as the line and the disk go. A county on a thin uplink
   * sets it so that a video going up leaves its editors some of the line.
   */
  @IsInt()
  @Min(0)
  MEDIA_SEND_BYTES_PER_SECOND: number = 0;

  /**
   * Where an app hosting a center with children serves the media byte path to them (on HTTP_HOST):
   * a port of its own, since the server runs on a thread of its own (`byte-server/`). The network
   * file names it as the center's `media` address.
   */
  @IsInt()
  @Min(0)
  @Max(65535)
  MEDIA_PORT: number = 3001;

  /** Read size of a transfer's sender: 1 MB, or about a tenth of a second's worth when the rate is capped. */
  readBytes(): number {
    const rate = this.MEDIA_SEND_BYTES_PER_SECOND;
    return rate > 0 ? Math.max(16 * 1024, Math.min(1024 * 1024, Math.floor(rate / 10))) : 1024 * 1024;
  }
}
