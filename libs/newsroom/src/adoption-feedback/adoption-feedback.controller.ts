import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { InboxQuery } from '../topic-inbox/topic-inbox.controller';
import { AdoptionFeedbackService } from './adoption-feedback.service';

@ApiTags('adoption feedback (采用反馈)')
@ApiBearerAuth()
@Controller('api/v1/centers/:center/adoption-feedback')
export class AdoptionFeedbackController {
  constructor(private readonly feedback: AdoptionFeedbackService) {}

  @Get()
  @ApiOperation({ summary: 'Who adopted stories of this center or of the centers below it, for which channel, and when' })
  list(@Param('center') center: string, @Query() q: InboxQuery) {
    return this.feedback.list(center, q);
  }
}
