import { Injectable } from '@nestjs/common';
import type { AdoptionPointsSource } from '@syn/distribution';
import type { EntityManager } from 'typeorm';
import { DEFAULT_WEIGHTS } from '../statistics/monthly-statistics';

/** The province weighs an adoption with its own points weights, the defaults until an admin sets them. */
@Injectable()
export class WeightsAdoptionPointsSource implements AdoptionPointsSource {
  async pointsFor(m: EntityManager, province: string, level: 'city' | 'province'): Promise<number | null> {
    const rows: Array<{ province_weight: number; city_weight: number }> = await m.query(
      `SELECT province_weight, city_weight FROM points_weights WHERE province_code = $1`,
      [province],
    );
    const r = rows[0];
    if (level === 'province') return r ? Number(r.province_weight) : DEFAULT_WEIGHTS.province;
    return r ? Number(r.city_weight) : DEFAULT_WEIGHTS.city;
  }
}
