import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** The province's view of one pooled story, whichever hub holds it. */
// Made by the migrations (descending or partial indexes, which entity metadata cannot express): declared so schema diffs leave them alone.
@Index('story_index_newest', { synchronize: false })
@Index('story_index_hub', { synchronize: false })
@Index('story_index_origin', { synchronize: false })
@Index('story_index_category', { synchronize: false })
@Index('story_index_embargo', { synchronize: false })
@Entity('story_index')
export class StoryIndexEntity {
  @PrimaryColumn({ type: 'uuid' }) storyId!: string;
  @Column({ type: 'char', length: 6 }) provinceCode!: string;
  @Column({ type: 'char', length: 6 }) hubCode!: string;
  @Column({ type: 'char', length: 6 }) originCode!: string;
  @Column({ type: 'int' }) version!: number;
  @Column({ type: 'text' }) title!: string;
  @Column({ type: 'text', nullable: true }) summary!: string | null;
  @Column({ type: 'text' }) byline!: string;
  @Column({ type: 'text' }) category!: string;
  @Column({ type: 'text', array: true }) tags!: string[];
  @Column({ type: 'char', length: 6 }) regionCode!: string;
  @Column({ type: 'text' }) priority!: string;
  @Column({ type: 'timestamptz', nullable: true }) embargoUntil!: Date | null;
  @Column({ type: 'char', length: 64 }) contentHash!: string;
  @Column({ type: 'timestamptz' }) pooledAt!: Date;
  @Column({ type: 'text' }) pooledBy!: string;
  @Column({ type: 'timestamptz', default: () => 'now()' }) indexedAt!: Date;
  @Column({ type: 'text', array: true, default: () => "'{}'" }) authors!: string[];
  @Column({ type: 'uuid', nullable: true }) topicId!: string | null;
  /** A hub's curator edits of this version (0 = as the origin wrote it). */
  @Column({ type: 'int', default: 0 }) edition!: number;
}
