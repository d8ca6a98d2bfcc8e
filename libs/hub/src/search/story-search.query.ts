import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsISO8601, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';

const asList = ({ value }: { value: unknown }) => (typeof value === 'string' ? [value] : value);

/** What every story search takes (pool, review queue, shared pool, provincial index). */
export class StorySearchQuery {
  @IsString({ message: 'q is required: the words to search for' })
  @MinLength(1, { message: 'q must not be empty' })
  @MaxLength(100)
  @ApiProperty({ description: '中文 words (segmented, so 融媒体 finds 融媒体 and not 媒体 inside other words); several words are ANDed', example: '大稿库' })
  q!: string;

  @IsOptional()
  @IsString()
  @MaxLength(30)
  @ApiPropertyOptional({ example: '时政' })
  category?: string;

  @IsOptional()
  @Transform(asList)
  @IsArray()
  @ArrayMaxSize(10)
  @IsString({ each: true })
  @MaxLength(30, { each: true })
  @ApiPropertyOptional({ type: [String], description: 'repeat for several; a story must carry all of them' })
  tag?: string[];

  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'from must be an ISO 8601 time' })
  @ApiPropertyOptional({ description: 'pooled (queue: received) at or after' })
  from?: string;

  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'to must be an ISO 8601 time' })
  @ApiPropertyOptional({ description: 'pooled (queue: received) before' })
  to?: string;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  @ApiPropertyOptional({ description: 'opaque cursor from the previous page (nextCursor)' })
  cursor?: string;

  @IsOptional()
  @Matches(/^([1-9]|[1-9]\d|100)$/, { message: 'limit must be 1..100' })
  @ApiPropertyOptional({ default: '20' })
  limit?: string;
}

/** Search input once validated, as the services take it. */
export interface StorySearch {
  q: string;
  county?: string;
  category?: string;
  tags?: string[];
  from?: Date;
  to?: Date;
  cursor?: string;
  limit?: number;
}

export function storySearchOf(q: StorySearchQuery & { county?: string }): StorySearch {
  return {
    q: q.q,
    county: q.county,
    category: q.category,
    tags: q.tag,
    from: q.from ? new Date(q.from) : undefined,
    to: q.to ? new Date(q.to) : undefined,
    cursor: q.cursor,
    limit: q.limit ? Number(q.limit) : undefined,
  };
}
