import { ArrayMaxSize, IsArray, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';

const ISO_OR_EMPTY = /^$|^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/** StoryPool.SearchStories input; proto3 sends absent strings as '' and absent lists as []. */
export class SearchStoriesGrpcRequest {
  @Matches(/^\d{6}$/, { message: 'hub_code must be a six-digit center code' })
  hubCode!: string;

  @IsString()
  @MinLength(1, { message: 'query must not be empty' })
  @MaxLength(100, { message: 'query must be at most 100 characters' })
  query!: string;

  @IsOptional()
  @Matches(/^(\d{6})?$/, { message: 'origin_code must be a six-digit center code' })
  originCode?: string;

  @IsOptional()
  @IsString()
  @MaxLength(30)
  category?: string;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @IsString({ each: true })
  @MaxLength(30, { each: true })
  tags?: string[];

  @IsOptional()
  @Matches(ISO_OR_EMPTY, { message: 'pooled_from must be an ISO 8601 time' })
  pooledFrom?: string;

  @IsOptional()
  @Matches(ISO_OR_EMPTY, { message: 'pooled_before must be an ISO 8601 time' })
  pooledBefore?: string;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  cursor?: string;

  @IsOptional()
  limit?: number;
}
