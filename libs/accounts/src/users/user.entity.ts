import { Column, Entity, PrimaryColumn, Unique } from 'typeorm';
import type { Role } from '@syn/auth';

/** A desk account of one center, stored by the app that hosts that center. */
@Unique('users_center_username', ['centerCode', 'username'])
@Entity('users')
export class UserEntity {
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  @Column({ type: 'char', length: 6 }) centerCode!: string;
  @Column({ type: 'text' }) username!: string;
  @Column({ type: 'text' }) displayName!: string;
  @Column({ type: 'text' }) role!: Role;
  @Column({ type: 'text' }) passwordHash!: string;
  @Column({ type: 'timestamptz', nullable: true }) disabledAt!: Date | null;
  @Column({ type: 'timestamptz', default: () => 'now()' }) passwordChangedAt!: Date;
  @Column({ type: 'text' }) createdBy!: string;
  @Column({ type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
  @Column({ type: 'timestamptz', default: () => 'now()' }) updatedAt!: Date;
}
