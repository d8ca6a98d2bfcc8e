import { Module } from '@nestjs/common';
import { RelayModule } from '../relay/relay.module';
import { LedgerReportedHandler } from './ledger-reported.handler';
import { LedgerReviewListener } from './ledger-review.listener';
import { LedgerService } from './ledger.service';

/** The ledger of a center with children (city hub, province). */
@Module({
  imports: [RelayModule],
  providers: [LedgerService, LedgerReportedHandler, LedgerReviewListener],
  exports: [LedgerService, LedgerReviewListener],
})
export class LedgerModule {}
