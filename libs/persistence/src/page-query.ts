import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';

/** The paging part of every list query: an opaque cursor and a page size of 1..200. */
export class PageQuery {
  @IsOptional()
  @IsString()
  @MaxLength(200)
  @ApiPropertyOptional({ description: 'opaque cursor from the previous page (nextCursor)' })
  cursor?: string;

  @IsOptional()
  @Matches(/^([1-9]|[1-9]\d|1\d\d|200)$/, { message: 'limit must be 1..200' })
  @ApiPropertyOptional({ default: '50' })
  limit?: string;
}

export const pageLimit = (q: PageQuery, fallback = 50): number => (q.limit ? Number(q.limit) : fallback);
