import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';

export class MonthQuery {
  @IsOptional()
  @Matches(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'month must be YYYY-MM' })
  @ApiPropertyOptional({ example: '2026-11', description: 'China Standard Time month; defaults to the current one' })
  month?: string;
}

export class CsvQuery extends MonthQuery {
  @IsOptional()
  @IsIn(['centers', 'authors'], { message: 'scope must be centers or authors' })
  @ApiPropertyOptional({ enum: ['centers', 'authors'], default: 'centers' })
  scope?: 'centers' | 'authors';
}

/** Points per adoption level; a story counts once, at its highest level. */
export class PointsWeightsDto {
  @IsInt()
  @Min(0)
  @Max(100)
  @ApiProperty({ example: 3, description: '省级采用' })
  province!: number;

  @IsInt()
  @Min(0)
  @Max(100)
  @ApiProperty({ example: 2, description: '市级采用' })
  city!: number;

  @IsInt()
  @Min(0)
  @Max(100)
  @ApiProperty({ example: 1, description: '被转载' })
  republish!: number;
}
