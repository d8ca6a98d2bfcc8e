import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** One curator edit of a pooled story: the edition it made, the fields before and after, and who. */
// Made by the migrations (descending or partial indexes, which entity metadata cannot express): declared so schema diffs leave them alone.
@Index('pool_story_edits_story', { synchronize: false })
@Entity('pool_story_edits')
export class PoolStoryEditEntity {
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  @Column({ type: 'char', length: 6 }) hubCode!: string;
  @Column({ type: 'uuid' }) storyId!: string;
  @Column({ type: 'int' }) version!: number;
  @Column({ type: 'int' }) edition!: number;
  @Column({ type: 'jsonb' }) before!: Record<string, unknown>;
  @Column({ type: 'jsonb' }) after!: Record<string, unknown>;
  @Column({ type: 'text' }) editedBy!: string;
  @Column({ type: 'text' }) editedByName!: string;
  @Column({ type: 'timestamptz' }) editedAt!: Date;
}
