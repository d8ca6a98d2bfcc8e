import { ApiPropertyOptional } from '@nestjs/swagger';
import { PageQuery } from '@syn/persistence';
import { IsOptional, IsUUID, Matches, MaxLength } from 'class-validator';

export class CenterAuditQueryDto extends PageQuery {
  @IsOptional()
  @Matches(/^[a-z][a-zA-Z-]*(\.[a-zA-Z-]+)*\.?$/, { message: 'action must be an action name like topic.issued, or a prefix ending in a dot like topic.' })
  @MaxLength(80)
  @ApiPropertyOptional({ description: 'one action (topic.issued) or a prefix ending in a dot (topic.)' })
  action?: string;

  @IsOptional()
  @MaxLength(120)
  @Matches(/^[a-z-]+(:[0-9A-Za-z-]+)?$/, { message: 'subject must look like topic:<id> or review-policy' })
  @ApiPropertyOptional({ description: 'topic:<id>, release:<id>, user:<id>, review-policy, points-weights …' })
  subject?: string;

  @IsOptional()
  @IsUUID(undefined, { message: 'storyId must be a UUID' })
  @ApiPropertyOptional()
  storyId?: string;
}
