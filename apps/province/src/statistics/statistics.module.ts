import { Module } from '@nestjs/common';
import { PointsWeightsService } from './points-weights.service';
import { StatisticsController } from './statistics.controller';
import { StatisticsService } from './statistics.service';

@Module({
  controllers: [StatisticsController],
  providers: [StatisticsService, PointsWeightsService],
})
export class StatisticsModule {}
