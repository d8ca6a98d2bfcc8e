import { Module } from '@nestjs/common';
import { LedgerReportedHandler } from './ledger-reported.handler';
import { LedgerRepublishListener } from './ledger-republish.listener';
import { LedgerReviewListener } from './ledger-review.listener';
import { LedgerTakedownKeeper } from './ledger-takedown.keeper';
import { LedgerService } from './ledger.service';

/** The ledger of a center with children (city hub, province). */
@Module({
  providers: [LedgerService, LedgerReportedHandler, LedgerReviewListener, LedgerRepublishListener, LedgerTakedownKeeper],
  exports: [LedgerService, LedgerReviewListener, LedgerRepublishListener],
})
export class LedgerModule {}
