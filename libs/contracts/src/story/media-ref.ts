import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUrl, MaxLength } from 'class-validator';

export const MEDIA_KINDS = ['image', 'video', 'audio', 'document'] as const;

/** Media stay where they are hosted; a story carries references, never the bytes. */
export class MediaRef {
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false }, { message: 'url must be an http(s) URL' })
  @MaxLength(2000)
  @ApiProperty({ example: 'https://media.example.cn/2026/11/photo.jpg' })
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
