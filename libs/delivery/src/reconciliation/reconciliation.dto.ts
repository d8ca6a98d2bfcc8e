import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsISO8601, IsOptional, Matches, Max, Min } from 'class-validator';

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
