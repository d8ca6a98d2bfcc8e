import { BadRequestException, Body, Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '@syn/auth';
import type { Principal } from '@syn/auth';
import { poolView } from '../pool/pool-view';
import { RecommendDto } from './recommend.dto';
import { RecommendationService } from './recommendation.service';

const uuid = new ParseUUIDPipe({
  exceptionFactory: () => new BadRequestException({ statusCode: 400, message: ['storyId: must be a UUID'], fields: ['storyId'] }),
});

@ApiTags('pool (大稿库)')
@ApiBearerAuth()
@Controller('api/v1/centers/:center/pool')
export class RecommendationController {
  constructor(private readonly recommendations: RecommendationService) {}

  @Post(':storyId/recommend')
  @HttpCode(200)
  @Roles('curator', 'chief-editor')
  @ApiOperation({ summary: '推荐: recommend a pooled story to the province, with a note' })
  async recommend(@Param('center') center: string, @Param('storyId', uuid) storyId: string, @Body() dto: RecommendDto, @CurrentPrincipal() p: Principal) {
    return poolView(await this.recommendations.recommend(center, storyId, dto.note, p));
  }
}
