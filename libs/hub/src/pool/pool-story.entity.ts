import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { Author, MediaRef } from '@syn/contracts';

/** A story in the hub's shared pool (大稿库). */
// Made by the migrations (descending or partial indexes, which entity metadata cannot express): declared so schema diffs leave them alone.
@Index('pool_stories_hub_pooled', { synchronize: false })
@Index('pool_stories_origin_pooled', { synchronize: false })
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
  /** 0 as the origin sent this version; +1 for each curator edit. */
  @Column({ type: 'int', default: 0 }) edition!: number;
  /** The origin's headline, summary and tags of this version, kept whatever the curator changes. */
  @Column({ type: 'text' }) originalTitle!: string;
  @Column({ type: 'text', nullable: true }) originalSummary!: string | null;
  @Column({ type: 'text', array: true }) originalTags!: string[];
  @Column({ type: 'text', nullable: true }) editedBy!: string | null;
  @Column({ type: 'timestamptz', nullable: true }) editedAt!: Date | null;
  /** 推荐 to the parent (the province). */
  @Column({ type: 'timestamptz', nullable: true }) recommendedAt!: Date | null;
  @Column({ type: 'text', nullable: true }) recommendedBy!: string | null;
  @Column({ type: 'text', nullable: true }) recommendNote!: string | null;
}

/** The columns that accepting a version writes; a recommendation outlives a new version. */
export type PoolRow = Omit<PoolStoryEntity, 'recommendedAt' | 'recommendedBy' | 'recommendNote'>;
