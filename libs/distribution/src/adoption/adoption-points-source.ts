import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/**
 * The points (积分/稿酬) one adoption earns its story, as the adopting desk weighs its level. Sent
 * down with the 采用反馈 so the county sees them; null when the desk keeps no weights.
 */
export interface AdoptionPointsSource {
  pointsFor(m: EntityManager, adopter: string, level: 'city' | 'province'): Promise<number | null>;
}

export const ADOPTION_POINTS = Symbol('ADOPTION_POINTS');

/** A city hub keeps no points weights of its own (the province sets them), so its adoptions carry none. */
@Injectable()
export class NoAdoptionPoints implements AdoptionPointsSource {
  pointsFor(): Promise<number | null> {
    return Promise.resolve(null);
  }
}
