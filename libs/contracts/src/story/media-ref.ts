import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, isURL, MaxLength, ValidateBy } from 'class-validator';

export const MEDIA_KINDS = ['image', 'video', 'audio', 'document'] as const;

/**
 * Media hosted elsewhere (an http(s) URL), or held by the network itself: `media:<sha256>`, the
 * same at every center, fetched by hash by each center the story reaches (docs/media.md).
 */
function IsMediaUrl() {
  return ValidateBy({
    name: 'isMediaUrl',
    validator: {
      validate: (v: unknown) =>
        typeof v === 'string' && (/^media:[0-9a-f]{64}$/.test(v) || isURL(v, { protocols: ['http', 'https'], require_protocol: true, require_tld: false })),
      defaultMessage: () => 'url must be an http(s) URL or media:<sha256> of an uploaded file',
    },
  });
}

/** A story carries references, never the bytes: to media hosted elsewhere or to uploaded media by hash. */
export class MediaRef {
  @IsMediaUrl()
  @MaxLength(2000)
  @ApiProperty({ example: 'media:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08' })
  url!: string;

  @IsIn(MEDIA_KINDS)
  @ApiProperty({ enum: MEDIA_KINDS })
  kind!: (typeof MEDIA_KINDS)[number];

  @IsOptional()
  @IsString()
  @MaxLength(500)
  @ApiPropertyOptional()
  caption?: string;
}
