import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';

export const AUTHOR_ROLES = ['reporter', 'correspondent', 'citizen-correspondent', 'photographer', 'editor', 'author'] as const;

/** A credited contributor (记者, 通讯员, 市民通讯员…); contributor pay follows these names. */
export class Author {
  @IsString()
  @MinLength(1)
  @MaxLength(50)
  @ApiProperty({ example: '刘敏' })
  name!: string;

  @IsOptional()
  @IsIn(AUTHOR_ROLES)
  @ApiPropertyOptional({ enum: AUTHOR_ROLES })
  role?: (typeof AUTHOR_ROLES)[number];
}
