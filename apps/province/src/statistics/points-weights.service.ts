import { Injectable, Logger } from '@nestjs/common';
import { actorOf, AuditLog } from '@syn/audit';
import type { Principal } from '@syn/auth';
import { DataSource } from 'typeorm';
import { DEFAULT_WEIGHTS, PointsWeights } from './monthly-statistics';

export interface WeightsView extends PointsWeights {
  isDefault: boolean;
  updatedBy: string | null;
  updatedAt: string | null;
}

/** Each province sets its own weights; until an admin does, the defaults (3 / 2 / 1) apply. */
@Injectable()
export class PointsWeightsService {
  private readonly logger = new Logger('PointsWeights');

  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditLog,
  ) {}

  async get(province: string): Promise<WeightsView> {
    const rows: Array<{ province_weight: number; city_weight: number; republish_weight: number; updated_by: string; updated_at: Date }> =
      await this.dataSource.query(
        `SELECT province_weight, city_weight, republish_weight, updated_by, updated_at FROM points_weights WHERE province_code = $1`,
        [province],
      );
    const r = rows[0];
    if (!r) return { ...DEFAULT_WEIGHTS, isDefault: true, updatedBy: null, updatedAt: null };
    return {
      province: r.province_weight,
      city: r.city_weight,
      republish: r.republish_weight,
      isDefault: false,
      updatedBy: r.updated_by,
      updatedAt: r.updated_at.toISOString(),
    };
  }

  async set(province: string, w: PointsWeights, by: Principal): Promise<WeightsView> {
    const before = await this.get(province);
    await this.dataSource.transaction(async (m) => {
      await m.query(
        `INSERT INTO points_weights (province_code, province_weight, city_weight, republish_weight, updated_by, updated_at) VALUES ($1,$2,$3,$4,$5,now())
       ON CONFLICT (province_code) DO UPDATE SET province_weight = EXCLUDED.province_weight, city_weight = EXCLUDED.city_weight,
         republish_weight = EXCLUDED.republish_weight, updated_by = EXCLUDED.updated_by, updated_at = EXCLUDED.updated_at`,
        [province, w.province, w.city, w.republish, by.name],
      );
      await this.audit.record(m, {
        center: province,
        storyId: null,
        subject: 'points-weights',
        actor: actorOf(by),
        action: 'points-weights.set',
        before: { province: before.province, city: before.city, republish: before.republish },
        after: { province: w.province, city: w.city, republish: w.republish },
      });
    });
    this.logger.log({ msg: 'points weights set', center: province, weights: w, by: by.userId });
    return this.get(province);
  }
}
