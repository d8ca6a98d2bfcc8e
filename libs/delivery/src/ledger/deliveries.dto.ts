import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { RECEIPT_STATUSES, ReceiptStatus } from '@syn/messaging';

export class DeliveriesQuery {
  @IsOptional()
  @IsIn(RECEIPT_STATUSES)
  @ApiPropertyOptional({ enum: RECEIPT_STATUSES })
  status?: ReceiptStatus;

  @IsOptional()
  @Matches(/^([1-9]|[1-9]\d|1\d\d|200)$/, { message: 'limit must be 1..200' })
  @ApiPropertyOptional({ default: '50' })
  limit?: string;
}
