import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Author, MediaRef } from '@syn/contracts';

/** A story in the hub's shared pool (大稿库). */
@Entity('pool_stories')
export class PoolStoryEntity {
  @PrimaryColumn({ type: 'uuid' }) storyId!: string;
  @Column({ type: 'char', length: 6 }) hubCode!: string;
  @Column({ type: 'char', length: 6 }) originCode!: string;
  @Column({ type: 'int' }) version!: number;
  @Column({ type: 'text' }) title!: string;
  @Column({ type: 'text', nullable: true }) summary!: string | null;
  @Column({ type: 'text' }) body!: string;
  @Column({ type: 'text' }) byline!: string;
  @Column({ type: 'jsonb' }) authors!: Author[];
  @Column({ type: 'text' }) category!: string;
  @Column({ type: 'text', array: true }) tags!: string[];
  @Column({ type: 'char', length: 6 }) regionCode!: string;
  @Column({ type: 'jsonb' }) mediaRefs!: MediaRef[];
  @Column({ type: 'text' }) priority!: string;
  @Column({ type: 'timestamptz', nullable: true }) embargoUntil!: Date | null;
  @Column({ type: 'char', length: 64 }) contentHash!: string;
  @Column({ type: 'timestamptz' }) createdAt!: Date;
  @Column({ type: 'timestamptz' }) updatedAt!: Date;
  @Column({ type: 'timestamptz' }) pooledAt!: Date;
  @Column({ type: 'text' }) pooledBy!: string;
}
