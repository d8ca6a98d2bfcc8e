import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** One adoption (选用) or republication (转载) of this center's story, as its adopter reported it. */
// Made by the migrations (descending or partial indexes, which entity metadata cannot express): declared so schema diffs leave them alone.
@Index('story_feedback_story', { synchronize: false })
@Entity('story_feedback')
export class StoryFeedbackEntity {
  /** The adoption.feedback event id: one row per report, however often it is delivered. */
  @PrimaryColumn({ type: 'uuid' }) eventId!: string;
  @Column({ type: 'char', length: 6 }) centerCode!: string;
  @Column({ type: 'uuid' }) storyId!: string;
  @Column({ type: 'int' }) version!: number;
  @Column({ type: 'text' }) kind!: string;
  @Column({ type: 'char', length: 6 }) adopterCode!: string;
  @Column({ type: 'text' }) adopterName!: string;
  @Column({ type: 'text' }) adopterLevel!: string;
  @Column({ type: 'text' }) adoptedBy!: string;
  @Column({ type: 'text' }) channel!: string;
  @Column({ type: 'text', nullable: true }) note!: string | null;
  @Column({ type: 'timestamptz' }) adoptedAt!: Date;
  @Column({ type: 'timestamptz', default: () => 'now()' }) receivedAt!: Date;
}
