import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsInt, IsISO8601, IsOptional, IsUUID, Matches, Max, Min, ValidateNested } from 'class-validator';

export class ReconcileQuery {
  @IsOptional()
  @Matches(/^\d{1,9}$/, { message: 'graceMs must be a whole number of milliseconds' })
  @ApiPropertyOptional({ description: 'treat changes younger than this as in flight (default RECONCILE_GRACE_MS)' })
  graceMs?: string;
}

/** gRPC requests are validated like HTTP bodies; failures become INVALID_ARGUMENT. */
export class DigestGrpcRequest {
  @Matches(/^\d{6}$/, { message: 'child_code must be a six-digit center code' })
  childCode!: string;

  @IsISO8601({ strict: true }, { message: 'since must be an ISO 8601 time' })
  since!: string;

  @IsInt({ message: 'buckets must be an integer' })
  @Min(1, { message: 'buckets must be 1..4096' })
  @Max(4096, { message: 'buckets must be 1..4096' })
  buckets!: number;
}

export class ListAcknowledgedGrpcRequest extends DigestGrpcRequest {
  @IsInt({ message: 'bucket must be an integer' })
  @Min(0, { message: 'bucket must be 0..buckets-1' })
  bucket!: number;
}

export class AwaitedDecisionGrpc {
  @IsUUID(undefined, { message: 'items.story_id must be a UUID' })
  storyId!: string;

  @IsInt({ message: 'items.version must be an integer' })
  @Min(1, { message: 'items.version must be at least 1' })
  version!: number;
}

export class RedriveDecisionsGrpcRequest {
  @Matches(/^\d{6}$/, { message: 'child_code must be a six-digit center code' })
  childCode!: string;

  @IsArray()
  @ArrayMaxSize(1000, { message: 'items: at most 1000 per call' })
  @ValidateNested({ each: true })
  @Type(() => AwaitedDecisionGrpc)
  items!: AwaitedDecisionGrpc[];
}
