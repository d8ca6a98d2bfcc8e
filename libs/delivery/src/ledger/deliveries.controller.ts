import { BadRequestException, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '@syn/auth';
import { CenterDirectory } from '@syn/network';
import { DeliveriesQuery } from './deliveries.dto';
import { ReceiptAlertChecker } from './receipt-alert.checker';
import { DeliveryLedger, DeliveryLedgerEntry, ReceiptStatus } from '@syn/messaging';

const uuid = new ParseUUIDPipe({
  exceptionFactory: () => new BadRequestException({ statusCode: 400, message: ['storyId: must be a UUID'], fields: ['storyId'] }),
});

const RECEIPT_LABELS: Record<ReceiptStatus, string> = { none: '无需回执', pending: '待确认', confirmed: '已确认' };

/** Where this center's stories went, and which centers confirmed their corrections and takedowns. */
@ApiTags('deliveries (送达与回执)')
@ApiBearerAuth()
@Controller('api/v1/centers/:center/deliveries')
export class DeliveriesController {
  constructor(
    private readonly ledger: DeliveryLedger,
    private readonly directory: CenterDirectory,
    private readonly alerts: ReceiptAlertChecker,
  ) {}

  @Get()
  @Roles('editor', 'chief-editor', 'curator', 'desk-editor', 'admin')
  @ApiOperation({ summary: 'Deliveries of this center, newest first; status=pending lists unconfirmed corrections and takedowns' })
  async list(@Param('center') center: string, @Query() q: DeliveriesQuery) {
    const rows = await this.ledger.list(center, { status: q.status, limit: q.limit ? Number(q.limit) : 50 });
    return { items: rows.map((r) => this.view(r)) };
  }

  @Get(':storyId')
  @Roles('reporter', 'editor', 'chief-editor', 'curator', 'desk-editor', 'admin')
  @ApiOperation({ summary: 'Every center known to hold a copy of the story, with the version it has and its receipt' })
  async story(@Param('center') center: string, @Param('storyId', uuid) storyId: string) {
    const holders = (await this.ledger.list(center, { storyId, limit: 200 })).map((r) => this.view(r));
    return {
      storyId,
      holders,
      confirmed: holders.filter((h) => h.receiptStatus === 'confirmed').map((h) => h.holder),
      pending: holders.filter((h) => h.receiptStatus === 'pending').map((h) => h.holder),
    };
  }

  @Post('overdue-check')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({ summary: 'Run the overdue-receipt check now (it also runs on a timer)' })
  async check(@Param('center') center: string) {
    const rows = await this.alerts.check();
    return {
      overdue: rows
        .filter((r) => r.sender === center)
        .map((r) => ({ storyId: r.story_id, holder: r.holder, version: r.version, kind: r.kind, sentAt: new Date(r.sent_at).toISOString() })),
    };
  }

  private view(r: DeliveryLedgerEntry) {
    return {
      /** A row a center holds for itself is a 请撤下 to its own desk: the story is on channels outside the network. */
      request: r.holder === r.sender ? ('channels' as const) : null,
      storyId: r.itemId,
      holder: r.holder,
      holderName: this.directory.has(r.holder) ? this.directory.get(r.holder).name : r.holder,
      version: r.version,
      kind: r.kind,
      receiptStatus: r.receiptStatus,
      receiptLabel: RECEIPT_LABELS[r.receiptStatus],
      receiptOutcome: r.receiptOutcome,
      receiptAt: r.receiptAt?.toISOString() ?? null,
      via: r.via,
      sentAt: r.sentAt.toISOString(),
    };
  }
}
