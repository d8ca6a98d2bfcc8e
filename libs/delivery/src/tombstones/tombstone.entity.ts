import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A withdrawn story (撤稿) as this center learnt it; beats every version of the story, forever. */
// Made by the migrations (descending or partial indexes, which entity metadata cannot express): declared so schema diffs leave them alone.
@Index('tombstones_origin', { synchronize: false })
@Entity('tombstones')
export class TombstoneEntity {
  @PrimaryColumn({ type: 'uuid' }) storyId!: string;
  @Column({ type: 'char', length: 6 }) originCode!: string;
  @Column({ type: 'int' }) version!: number;
  @Column({ type: 'text' }) reason!: string;
  @Column({ type: 'text' }) withdrawnBy!: string;
  @Column({ type: 'timestamptz' }) withdrawnAt!: Date;
  @Column({ type: 'char', length: 6 }) receivedFrom!: string;
  @Column({ type: 'timestamptz', default: () => 'now()' }) receivedAt!: Date;
}
