import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A use of a pooled story that this hub heard of, e.g. a child's 转载. */
// Made by the migrations (descending or partial indexes, which entity metadata cannot express): declared so schema diffs leave them alone.
@Index('pool_adoptions_story', { synchronize: false })
@Entity('pool_adoptions')
export class PoolAdoptionEntity {
  @PrimaryColumn({ type: 'uuid' }) eventId!: string;
  @Column({ type: 'char', length: 6 }) hubCode!: string;
  @Column({ type: 'uuid' }) storyId!: string;
  @Column({ type: 'int' }) version!: number;
  @Column({ type: 'text' }) kind!: string;
  @Column({ type: 'char', length: 6 }) adopterCode!: string;
  @Column({ type: 'text' }) adoptedBy!: string;
  @Column({ type: 'text' }) channel!: string;
  @Column({ type: 'timestamptz' }) adoptedAt!: Date;
}
