import { IsInt, Min } from 'class-validator';

/** Settings of corrections, receipts and reconciliation; validated at boot like AppEnv. */
export class DeliveryEnv {
  /** A correction or takedown without a receipt for this long raises an alert. */
  @IsInt()
  @Min(1000)
  RECEIPT_ALERT_AFTER_MS: number = 10 * 60 * 1000;

  /** How often the overdue-receipt check runs. */
  @IsInt()
  @Min(100)
  RECEIPT_CHECK_INTERVAL_MS: number = 30 * 1000;

  /** How often a child compares digests with its parent; 0 turns the timer off (the admin endpoint still works). */
  @IsInt()
  @Min(0)
  RECONCILE_INTERVAL_MS: number = 5 * 60 * 1000;

  /** Changes younger than this are in flight, not missing, and are not re-driven yet. */
  @IsInt()
  @Min(0)
  RECONCILE_GRACE_MS: number = 60 * 1000;

  /** How far back reconciliation looks (story ids are UUIDv7, so this bounds by creation time). */
  @IsInt()
  @Min(1)
  RECONCILE_WINDOW_DAYS: number = 30;
}
