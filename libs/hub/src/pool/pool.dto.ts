import { ApiPropertyOptional } from '@nestjs/swagger';
import { PageQuery } from '@syn/persistence';
import { IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';

export class PoolQuery extends PageQuery {
  @IsOptional()
  @Matches(/^\d{6}$/, { message: 'origin must be a six-digit center code' })
  @ApiPropertyOptional({ description: 'only stories from this center' })
  origin?: string;
}

/** gRPC requests are validated like HTTP bodies; failures become INVALID_ARGUMENT. */
export class GetStoryGrpcRequest {
  @Matches(/^\d{6}$/, { message: 'hub_code must be a six-digit center code' })
  hubCode!: string;

  @IsUUID(undefined, { message: 'story_id must be a UUID' })
  storyId!: string;
}

export class ListStoriesGrpcRequest {
  @Matches(/^\d{6}$/, { message: 'hub_code must be a six-digit center code' })
  hubCode!: string;

  @IsOptional()
  limit?: number;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  cursor?: string;

  @IsOptional()
  @Matches(/^(\d{6})?$/, { message: 'origin_code must be a six-digit center code' })
  originCode?: string;
}
