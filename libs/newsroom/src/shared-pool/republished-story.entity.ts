import { Column, Entity, Index, PrimaryColumn, Unique } from 'typeorm';

/** 转载: a copy of a sibling's pooled story, published on one of this center's channels with attribution. */
// Made by the migrations (descending or partial indexes, which entity metadata cannot express): declared so schema diffs leave them alone.
@Index('republished_stories_center', { synchronize: false })
@Unique('republished_stories_center_code_story_id_channel_key', ['centerCode', 'storyId', 'channel'])
@Entity('republished_stories')
export class RepublishedStoryEntity {
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  @Column({ type: 'char', length: 6 }) centerCode!: string;
  /** The story's global id at its origin: the copy keeps it, so feedback and takedowns find it. */
  @Column({ type: 'uuid' }) storyId!: string;
  @Column({ type: 'char', length: 6 }) originCode!: string;
  @Column({ type: 'char', length: 6 }) hubCode!: string;
  @Column({ type: 'int' }) version!: number;
  @Column({ type: 'text' }) title!: string;
  @Column({ type: 'text', nullable: true }) summary!: string | null;
  @Column({ type: 'text' }) body!: string;
  @Column({ type: 'text' }) byline!: string;
  /** e.g. 来源：章贡区融媒体中心 (赣州市融媒体中心大稿库) */
  @Column({ type: 'text' }) attribution!: string;
  @Column({ type: 'text' }) category!: string;
  @Column({ type: 'text', array: true }) tags!: string[];
  @Column({ type: 'char', length: 64 }) contentHash!: string;
  @Column({ type: 'text' }) channel!: string;
  @Column({ type: 'text' }) republishedBy!: string;
  @Column({ type: 'text' }) republishedByName!: string;
  @Column({ type: 'timestamptz' }) republishedAt!: Date;
}
