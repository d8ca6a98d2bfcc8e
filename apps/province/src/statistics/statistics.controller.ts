import { Body, Controller, Get, Header, Param, Put, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '@syn/auth';
import type { Principal } from '@syn/auth';
import type { Response } from 'express';
import { PointsWeightsService } from './points-weights.service';
import { statisticsCsv } from './statistics-csv';
import { CsvQuery, MonthQuery, PointsWeightsDto } from './statistics.dto';
import { StatisticsService } from './statistics.service';

@ApiTags('statistics (考核 / 稿酬)')
@ApiBearerAuth()
@Controller('api/v1/centers/:center/statistics')
export class StatisticsController {
  constructor(
    private readonly statistics: StatisticsService,
    private readonly weights: PointsWeightsService,
  ) {}

  @Get('monthly')
  @Roles('desk-editor', 'chief-editor', 'admin')
  @ApiOperation({
    summary: 'Per center and per author: submitted, accepted, rejected, adopted (city / province), republished, topics answered, points and rank',
  })
  monthly(@Param('center') center: string, @Query() q: MonthQuery) {
    return this.statistics.monthly(center, q.month);
  }

  @Get('monthly.csv')
  @Roles('desk-editor', 'chief-editor', 'admin')
  @ApiProduces('text/csv')
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @ApiOperation({ summary: 'The same figures as CSV (scope=centers or authors)' })
  async csv(@Param('center') center: string, @Query() q: CsvQuery, @Res({ passthrough: true }) res: Response) {
    const report = await this.statistics.monthly(center, q.month);
    const scope = q.scope ?? 'centers';
    res.setHeader('Content-Disposition', `attachment; filename="statistics-${center}-${report.month}-${scope}.csv"`);
    return statisticsCsv(report, scope);
  }

  @Get('ledger')
  @Roles('desk-editor', 'chief-editor', 'admin')
  @ApiOperation({ summary: 'The month’s contribution ledger (append-only), from which every figure is computed' })
  ledger(@Param('center') center: string, @Query() q: MonthQuery) {
    return this.statistics.ledger(center, q.month);
  }

  @Get('weights')
  @Roles('desk-editor', 'chief-editor', 'admin')
  @ApiOperation({ summary: 'Points per adoption level (defaults: province 3, city 2, republish 1)' })
  getWeights(@Param('center') center: string) {
    return this.weights.get(center);
  }

  @Put('weights')
  @Roles('admin')
  @ApiOperation({ summary: 'Set this province’s points per adoption level (admin)' })
  setWeights(@Param('center') center: string, @Body() dto: PointsWeightsDto, @CurrentPrincipal() p: Principal) {
    return this.weights.set(center, dto, p);
  }
}
