import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Role } from '@syn/auth';

/** A desk account of one center, stored by the app that hosts that center. */
@Entity('users')
export class UserEntity {
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  @Column({ type: 'char', length: 6 }) centerCode!: string;
  @Column({ type: 'text' }) username!: string;
  @Column({ type: 'text' }) displayName!: string;
  @Column({ type: 'text' }) role!: Role;
  @Column({ type: 'text' }) passwordHash!: string;
  @Column({ type: 'timestamptz', nullable: true }) disabledAt!: Date | null;
  @Column({ type: 'timestamptz' }) passwordChangedAt!: Date;
  @Column({ type: 'text' }) createdBy!: string;
  @Column({ type: 'timestamptz' }) createdAt!: Date;
  @Column({ type: 'timestamptz' }) updatedAt!: Date;
}
