import { IsIn, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';

export const CENTER_LEVELS = ['province', 'city', 'county'] as const;
export type CenterLevel = (typeof CENTER_LEVELS)[number];

/** A node of the network (融媒体中心). Level is descriptive; routing only follows `parent`. */
export class Center {
  @Matches(/^\d{6}$/, { message: 'code must be a six-digit GB/T 2260 region code' })
  code!: string;

  @IsString()
  @MinLength(1)
  @MaxLength(100)
  name!: string;

  @IsIn(CENTER_LEVELS)
  level!: CenterLevel;

  @IsOptional()
  @Matches(/^\d{6}$/, { message: 'parent must be a six-digit region code or null' })
  parent!: string | null;

  /** host:port of the gRPC StoryPool server of a center that has children. */
  @IsOptional()
  @Matches(/^[\w.-]+:\d{1,5}$/, { message: 'grpc must be host:port' })
  grpc?: string;
}
