import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';

/** 选用: one story for one or several named channels (省台, 客户端, 学习强国, …). */
export class AdoptStoryDto {
  @IsUUID(undefined, { message: 'storyId must be a UUID' })
  @ApiProperty()
  storyId!: string;

  @IsArray()
  @ArrayMinSize(1, { message: 'channels must name at least one channel' })
  @ArrayMaxSize(10)
  @ArrayUnique({ message: 'channels must not repeat' })
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(30, { each: true })
  @ApiProperty({ type: [String], example: ['省台', '学习强国'] })
  channels!: string[];
}

export class AdoptionsQuery {
  @IsOptional()
  @IsUUID(undefined, { message: 'storyId must be a UUID' })
  @ApiPropertyOptional()
  storyId?: string;

  /** pending: adoptions of withdrawn stories not yet confirmed taken off their channels (请撤下). */
  @IsOptional()
  @IsIn(['pending'], { message: 'takedown must be pending' })
  @ApiPropertyOptional({ enum: ['pending'] })
  takedown?: 'pending';

  @IsOptional()
  @IsString()
  @MaxLength(200)
  @ApiPropertyOptional()
  cursor?: string;

  @IsOptional()
  @Matches(/^([1-9]|[1-9]\d|1\d\d|200)$/, { message: 'limit must be 1..200' })
  @ApiPropertyOptional({ default: '50' })
  limit?: string;
}
