import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { StoryFeedbackEntity } from './story-feedback.entity';

const KIND_LABELS: Record<string, string> = { adopted: '选用', republished: '转载' };

export class FeedbackView {
  @ApiProperty({ enum: ['adopted', 'republished'] }) kind!: string;
  @ApiProperty({ example: '转载' }) kindLabel!: string;
  @ApiProperty() version!: number;
  @ApiProperty({ description: 'who: the adopting center' }) adopter!: { code: string; name: string; level: string };
  @ApiProperty({ description: 'the desk user there' }) adoptedBy!: string;
  @ApiProperty({ description: 'where: the channel it appears on' }) channel!: string;
  @ApiPropertyOptional() note!: string | null;
  @ApiProperty({ description: 'when' }) adoptedAt!: string;
}

export function toFeedbackView(f: StoryFeedbackEntity): FeedbackView {
  return {
    kind: f.kind,
    kindLabel: KIND_LABELS[f.kind] ?? f.kind,
    version: f.version,
    adopter: { code: f.adopterCode, name: f.adopterName, level: f.adopterLevel },
    adoptedBy: f.adoptedBy,
    channel: f.channel,
    note: f.note,
    adoptedAt: f.adoptedAt.toISOString(),
  };
}
