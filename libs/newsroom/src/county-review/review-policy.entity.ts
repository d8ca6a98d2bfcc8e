import { Check, Column, Entity, PrimaryColumn } from 'typeorm';
import type { PolicySteps } from './review-steps';

/** How many review steps a center's stories pass before they go upstream; no row means the default (3). */
@Check('review_policies_steps_check', `steps IN (2, 3)`)
@Entity('review_policies')
export class ReviewPolicyEntity {
  @PrimaryColumn({ type: 'char', length: 6 }) centerCode!: string;
  @Column({ type: 'int' }) steps!: PolicySteps;
  @Column({ type: 'text' }) updatedBy!: string;
  @Column({ type: 'timestamptz' }) updatedAt!: Date;
}
